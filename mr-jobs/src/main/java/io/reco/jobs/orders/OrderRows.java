package io.reco.jobs.orders;

import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.TransactionRows;
import io.reco.records.avro.Order;
import io.reco.records.avro.OrderItem;
import io.reco.records.avro.OrderStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The checks a raw transaction row must pass to enter silver, beyond those of the ingest ({@link TransactionRows}:
 * column count, order_id, a parseable ordered_at). An order row needs an ordered_at within the believable range and a
 * status of placed, cancelled or returned (any case); customer_id, currency and country are optional. An item row
 * needs a line_number of 1 or more, a product_id, a quantity of 1 or more and a finite unit_price of 0 or more; its
 * ordered_at is only parsed, since the order row's time is the one kept. Values are trimmed, empty optional values
 * become null and the status is lower-cased.
 *
 * @param earliest the earliest believable order time, epoch ms
 * @param latest the latest believable order time, epoch ms: the run's clock plus the tolerated skew
 */
public record OrderRows(long earliest, long latest) {
  private static final String ORDER_ID = "order_id";
  private static final String STATUS = "status";
  private static final String LINE_NUMBER = "line_number";
  private static final String PRODUCT_ID = "product_id";
  private static final String QUANTITY = "quantity";
  private static final String UNIT_PRICE = "unit_price";
  /** The optional columns of an order row, in schema order. */
  public static final List<String> OPTIONAL = List.of("customer_id", "currency", "country");

  /** The values of one CSV line; a line that is not one CSV row is rejected as WRONG_COLUMN_COUNT. */
  public static List<String> split(String line) throws InvalidRecordException {
    List<CSVRecord> records;
    try (CSVParser parser = CSVParser.parse(line, CSVFormat.DEFAULT)) {
      records = parser.getRecords();
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidRecordException(RejectReason.WRONG_COLUMN_COUNT, null, "not a CSV row: " + e.getMessage());
    }
    if (records.size() > 1) {
      throw new InvalidRecordException(RejectReason.WRONG_COLUMN_COUNT, null,
          "one line holds " + records.size() + " CSV rows");
    }
    return records.isEmpty() ? List.of() : records.get(0).toList();
  }

  /**
   * Which version of its order or item a row is: a change's source position and whether it deleted the row, from the
   * change-capture columns ({@link TransactionRows#CHANGE_POSITION}, {@link TransactionRows#CHANGE_OP}), or
   * {@link Version#DELIVERED} for a row of a delivered file, which has neither.
   */
  public record Version(long position, boolean deleted) {
    /** A row of a delivered file: older than every change. */
    public static final Version DELIVERED = new Version(-1, false);
  }

  /** The version of one row; the exception names the change-capture column at fault. */
  public static Version version(List<String> header, List<String> row) throws InvalidRecordException {
    int at = header.indexOf(TransactionRows.CHANGE_POSITION);
    int opAt = header.indexOf(TransactionRows.CHANGE_OP);
    String text = at < 0 ? "" : row.get(at).trim();
    String op = opAt < 0 ? "" : row.get(opAt).trim();
    if (text.isEmpty() && op.isEmpty()) {
      return Version.DELIVERED;
    }
    if (!text.matches("\\d{1,18}")) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, TransactionRows.CHANGE_POSITION,
          TransactionRows.CHANGE_POSITION + " '" + text + "' is not a source position (a whole number of 0 or more)");
    }
    if (!List.of("c", "u", "r", "d").contains(op)) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, TransactionRows.CHANGE_OP,
          TransactionRows.CHANGE_OP + " '" + op + "' is not c, u, r or d");
    }
    return new Version(Long.parseLong(text), op.equals("d"));
  }

  /** The order of one row of an orders file, without items; the exception names the field at fault. */
  public Order order(List<String> header, List<String> row) throws InvalidRecordException {
    long time = TransactionRows.check(TransactionRows.Kind.ORDERS, header, row);
    if (time < earliest || time > latest) {
      throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, TransactionRows.TIMESTAMP,
          TransactionRows.TIMESTAMP + " " + Instant.ofEpochMilli(time) + " is outside " + Instant.ofEpochMilli(earliest)
              + " to " + Instant.ofEpochMilli(latest));
    }
    String status = required(header, row, STATUS).toLowerCase(Locale.ROOT);
    OrderStatus parsed;
    try {
      parsed = OrderStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, STATUS,
          "status '" + status + "' is not placed, cancelled or returned");
    }
    return Order.newBuilder()
        .setOrderId(value(header, row, ORDER_ID))
        .setCustomerId(value(header, row, OPTIONAL.get(0)))
        .setOrderedAt(time)
        .setStatus(parsed)
        .setCurrency(value(header, row, OPTIONAL.get(1)))
        .setCountry(value(header, row, OPTIONAL.get(2)))
        .setItems(new ArrayList<>())
        .build();
  }

  /** The item of one row of an order-items file; the exception names the field at fault. */
  public OrderItem item(List<String> header, List<String> row) throws InvalidRecordException {
    TransactionRows.check(TransactionRows.Kind.ORDER_ITEMS, header, row);
    int line = wholeNumber(header, row, LINE_NUMBER);
    if (line < 1) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, LINE_NUMBER,
          "line_number " + line + " is not 1 or more");
    }
    String product = required(header, row, PRODUCT_ID);
    int quantity = wholeNumber(header, row, QUANTITY);
    if (quantity < 1) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, QUANTITY,
          "quantity " + quantity + " is not 1 or more");
    }
    String priceText = required(header, row, UNIT_PRICE);
    double price;
    try {
      price = new BigDecimal(priceText).doubleValue();
    } catch (NumberFormatException e) {
      throw new InvalidRecordException(RejectReason.WRONG_TYPE, UNIT_PRICE,
          "unit_price '" + priceText + "' is not a decimal number");
    }
    if (Double.isInfinite(price)) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, UNIT_PRICE,
          "unit_price " + priceText + " is out of range");
    }
    if (price < 0) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, UNIT_PRICE, "unit_price " + priceText
          + " is negative");
    }
    return OrderItem.newBuilder()
        .setOrderId(value(header, row, ORDER_ID))
        .setLineNumber(line)
        .setProductId(product)
        .setQuantity(quantity)
        .setUnitPrice(price)
        .build();
  }

  /** The trimmed value of {@code column}, or null when the header lacks it or the value is empty. */
  static String value(List<String> header, List<String> row, String column) {
    int i = header.indexOf(column);
    if (i < 0) {
      return null;
    }
    String value = row.get(i).trim();
    return value.isEmpty() ? null : value;
  }

  private static String required(List<String> header, List<String> row, String column)
      throws InvalidRecordException {
    String value = value(header, row, column);
    if (value == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, column, column + " is empty");
    }
    return value;
  }

  private static int wholeNumber(List<String> header, List<String> row, String column)
      throws InvalidRecordException {
    String text = required(header, row, column);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidRecordException(RejectReason.WRONG_TYPE, column,
          column + " '" + text + "' is not a whole number");
    }
  }
}
