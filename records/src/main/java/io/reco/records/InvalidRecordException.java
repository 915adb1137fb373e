package io.reco.records;

import com.fasterxml.jackson.databind.JsonNode;

/** A record that does not conform to its schema, with the reason and the field at fault. */
public final class InvalidRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;
  private final String field;

  /** A rejection of {@code field} (null when the whole record is at fault). */
  public InvalidRecordException(RejectReason reason, String field, String message) {
    super(message);
    this.reason = reason;
    this.field = field;
  }

  /** A {@link RejectReason#WRONG_TYPE} rejection that shows (the start of) the JSON value found. */
  public static InvalidRecordException wrongType(String field, String expected, JsonNode actual) {
    return wrongType(field, expected, actual.toString());
  }

  /** A {@link RejectReason#WRONG_TYPE} rejection that shows (the start of) the value found, as JSON text. */
  public static InvalidRecordException wrongType(String field, String expected, String actual) {
    String shown = actual;
    if (shown.length() > 40) {
      shown = shown.substring(0, 40) + "...";
    }
    return new InvalidRecordException(RejectReason.WRONG_TYPE, field,
        "field '" + field + "' must be " + expected + ", was " + shown);
  }

  /** The reason code. */
  public RejectReason reason() {
    return reason;
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }
}
