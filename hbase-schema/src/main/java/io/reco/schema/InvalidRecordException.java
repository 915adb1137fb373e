package io.reco.schema;

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

  /** The reason code. */
  public RejectReason reason() {
    return reason;
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }
}
