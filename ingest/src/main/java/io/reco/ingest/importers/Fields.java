package io.reco.ingest.importers;

import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Typed, validated access to the columns of one delimited row, by header name. Every failure is an
 * {@link InvalidRecordException} with the reject reason and the column at fault, so importers never guess.
 */
public final class Fields {
  private static final int SHOWN = 40;
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final List<String> header;
  private final List<String> values;

  private Fields(List<String> header, List<String> values) {
    this.header = header;
    this.values = values;
  }

  /** The fields of a row; fails with {@code WRONG_COLUMN_COUNT} when it has more or fewer columns than its header. */
  public static Fields of(List<String> header, List<String> values) throws InvalidRecordException {
    if (values.size() != header.size()) {
      throw new InvalidRecordException(RejectReason.WRONG_COLUMN_COUNT, null,
          "expected " + header.size() + " columns (" + String.join(",", header) + "), found " + values.size());
    }
    return new Fields(header, values);
  }

  /** The trimmed value of a column, or null when it is empty. */
  public String optional(String name) {
    String value = values.get(index(name)).trim();
    return value.isEmpty() ? null : value;
  }

  /** The trimmed value of a column that must not be empty. */
  public String required(String name) throws InvalidRecordException {
    String value = optional(name);
    if (value == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, name, "required field '" + name + "' is empty");
    }
    return value;
  }

  /** An id: required and free of control characters, which no id may contain. */
  public String id(String name) throws InvalidRecordException {
    String value = required(name);
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRecordException(RejectReason.INVALID_ID, name,
          "field '" + name + "' holds control characters (tab, newline...)");
    }
    return value;
  }

  /** An id the dataset defines as a whole number; kept as the text delivered. */
  public String integerId(String name) throws InvalidRecordException {
    String value = id(name);
    if (!isInteger(value)) {
      throw wrongType(name, "an integer id", value);
    }
    return value;
  }

  /** A required whole number. */
  public long longValue(String name) throws InvalidRecordException {
    String value = required(name);
    if (!isInteger(value)) {
      throw wrongType(name, "an integer", value);
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw wrongType(name, "an integer of at most 19 digits", value);
    }
  }

  /** A required whole number in the range of {@code int}. */
  public int intValue(String name) throws InvalidRecordException {
    long value = longValue(name);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, name,
          "field '" + name + "' is out of range: " + value);
    }
    return (int) value;
  }

  /** A required finite decimal number. */
  public double decimal(String name) throws InvalidRecordException {
    String value = required(name);
    // Double.parseDouble alone would take NaN, Infinity, hex and a trailing 'd'
    if (!DECIMAL.matcher(value).matches()) {
      throw wrongType(name, "a number", value);
    }
    double parsed = Double.parseDouble(value);
    if (!Double.isFinite(parsed)) {
      throw wrongType(name, "a finite number", value);
    }
    return parsed;
  }

  /** A required decimal number that is zero or more: prices. */
  public double nonNegative(String name) throws InvalidRecordException {
    double value = decimal(name);
    if (value < 0) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, name,
          "field '" + name + "' must not be negative, was " + values.get(index(name)).trim());
    }
    return value;
  }

  private int index(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + name + "' in " + header);
    }
    return i;
  }

  static boolean isInteger(String value) {
    int start = value.startsWith("-") ? 1 : 0;
    if (value.length() == start) {
      return false;
    }
    for (int i = start; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A {@code WRONG_TYPE} rejection that shows the value, shortened. */
  static InvalidRecordException wrongType(String name, String expected, String value) {
    return new InvalidRecordException(RejectReason.WRONG_TYPE, name,
        "field '" + name + "' must be " + expected + ", was '" + shorten(value) + "'");
  }

  /** A value cut to a readable length for messages. */
  static String shorten(String value) {
    return shorten(value, SHOWN);
  }

  /** A value cut to at most {@code length} characters and an ellipsis. */
  static String shorten(String value, int length) {
    return value.length() <= length ? value : value.substring(0, length) + "...";
  }
}
