package io.reco.records;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The two kinds of transaction file a shop delivers, told apart by their header, and the checks a row must pass to
 * enter the raw zone: the right number of columns, an id, and a parseable {@code ordered_at} timestamp (ISO-8601
 * with offset, {@code yyyy-MM-dd HH:mm:ss} in UTC, or epoch milliseconds). Rows are otherwise kept as delivered.
 */
public final class TransactionRows {
  /** The timestamp column that decides a row's date partition. */
  public static final String TIMESTAMP = "ordered_at";
  /**
   * The optional column of rows written by the shop's change capture: the Debezium op ({@code c}, {@code u},
   * {@code r}, or {@code d} for a delete). Rows of delivered files leave it out.
   */
  public static final String CHANGE_OP = "change_op";
  /** The optional column of rows written by change capture: the change's source position (newer is greater). */
  public static final String CHANGE_POSITION = "change_position";
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm:ss[.SSS]");

  /** A kind of transaction file and the columns it must have. */
  public enum Kind {
    /** One row per order: {@code order_id, customer_id, ordered_at, status, ...}. */
    ORDERS("orders", List.of("order_id", "customer_id", TIMESTAMP, "status")),
    /** One row per order line: {@code order_id, line_number, product_id, quantity, unit_price, ordered_at}. */
    ORDER_ITEMS("order_items", List.of("order_id", "line_number", "product_id", "quantity", "unit_price",
        TIMESTAMP));

    private final String fileName;
    private final List<String> required;

    Kind(String fileName, List<String> required) {
      this.fileName = fileName;
      this.required = required;
    }

    /** The stem of the raw files of this kind. */
    public String fileName() {
      return fileName;
    }

    /** The columns a file of this kind must have. */
    public List<String> required() {
      return required;
    }
  }

  private TransactionRows() {
  }

  /** The kind a header announces; the error names the columns that are missing. */
  public static Kind kindOf(List<String> header) {
    Kind kind = header.contains("product_id") ? Kind.ORDER_ITEMS : Kind.ORDERS;
    List<String> missing = kind.required().stream().filter(c -> !header.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("header " + header + " is neither orders " + Kind.ORDERS.required()
          + " nor order items " + Kind.ORDER_ITEMS.required() + ": " + kind.fileName() + " would need " + missing);
    }
    return kind;
  }

  /** The event time of one row, epoch milliseconds; the exception says which field is wrong and why. */
  public static long check(Kind kind, List<String> header, List<String> row) throws InvalidRecordException {
    if (row.size() != header.size()) {
      throw new InvalidRecordException(RejectReason.WRONG_COLUMN_COUNT, null,
          row.size() + " columns where the header has " + header.size());
    }
    String id = row.get(header.indexOf("order_id")).trim();
    if (id.isEmpty()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "order_id", "order_id is empty");
    }
    String time = row.get(header.indexOf(TIMESTAMP)).trim();
    if (time.isEmpty()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, TIMESTAMP, TIMESTAMP + " is empty");
    }
    return parseTime(time);
  }

  /** Parses a timestamp in one of the accepted forms. */
  public static long parseTime(String text) throws InvalidRecordException {
    try {
      if (text.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(text);
      }
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT).replace(' ', 'T')).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, TIMESTAMP,
          TIMESTAMP + " '" + text + "' is not ISO-8601, yyyy-MM-dd HH:mm:ss (UTC) or epoch milliseconds");
    }
  }
}
