package io.reco.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.RejectReason;
import java.io.IOException;

/**
 * One change to an item's live state, read from a row-level change event of a products or inventory table in the
 * Debezium envelope: {@code {"before":{...},"after":{...},"source":{...},"op":"c|u|d|r","ts_ms":...}}, bare or
 * under {@code "payload"} (the JSON converter with schemas). The row's fields are named by {@link Fields}: the item
 * id, and any of price, an in-stock flag or a stock quantity (in stock while above 0), an active flag. A delete
 * ({@code "op":"d"}) names the item in {@code before}.
 *
 * <p>The source position orders the changes of one item: Postgres' {@code lsn}, Oracle's {@code scn}, MySQL's binlog
 * {@code file} and {@code pos} (the file's sequence number in the high 32 bits).
 *
 * @param price null when the row has no price field
 * @param inStock null when the row says nothing of stock
 * @param active null when the row has no active flag
 */
record ItemChange(String itemId, long position, Double price, Boolean inStock, Boolean active, boolean deleted,
    String table) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The row fields a change is read from. */
  record Fields(String id, String price, String inStockFlag, String stockQuantity, String active) {
  }

  /** A message that is no item change: its reason code, the field at fault and what is wrong. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final RejectReason reason;
    final String field;

    Invalid(RejectReason reason, String field, String message) {
      super(message);
      this.reason = reason;
      this.field = field;
    }
  }

  /** The change in {@code value}; null for a tombstone (the empty message Kafka compaction follows a delete with). */
  static ItemChange parse(byte[] value, Fields fields) throws Invalid {
    if (value == null || value.length == 0) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Invalid(RejectReason.MALFORMED_JSON, null, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Invalid(RejectReason.MALFORMED_JSON, null, "not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Invalid(RejectReason.MALFORMED_JSON, null, "a change event is a JSON object");
    }
    JsonNode envelope = root.has("payload") && root.get("payload").isObject() ? root.get("payload") : root;
    String op = envelope.path("op").asText("");
    boolean deleted;
    JsonNode row;
    switch (op) {
      case "c", "u", "r" -> {
        deleted = false;
        row = envelope.path("after");
      }
      case "d" -> {
        deleted = true;
        row = envelope.path("before");
      }
      default -> throw new Invalid(RejectReason.INVALID_VALUE, "op", "op is c, u, r or d (create, update, snapshot read,"
          + " delete), was '" + op + "'");
    }
    if (!row.isObject()) {
      throw new Invalid(RejectReason.MISSING_FIELD, deleted ? "before" : "after", "a change with op '" + op + "' carries the"
          + " row under '" + (deleted ? "before" : "after") + "'");
    }
    JsonNode source = envelope.path("source");
    long position = position(source);
    JsonNode id = row.path(fields.id());
    if (!(id.isTextual() && !id.textValue().isBlank() || id.isIntegralNumber())) {
      throw new Invalid(RejectReason.MISSING_FIELD, fields.id(), "the row has no item id '" + fields.id() + "'");
    }
    String table = source.path("table").asText(null);
    if (deleted) {
      return new ItemChange(id.asText(), position, null, null, null, true, table);
    }
    Double price = null;
    JsonNode priceNode = row.path(fields.price());
    if (!priceNode.isMissingNode() && !priceNode.isNull()) {
      if (!priceNode.isNumber() || priceNode.doubleValue() < 0 || !Double.isFinite(priceNode.doubleValue())) {
        throw new Invalid(RejectReason.INVALID_VALUE, fields.price(), "the price is a number of 0 or more, was " + priceNode);
      }
      price = priceNode.doubleValue();
    }
    Boolean inStock = flag(row, fields.inStockFlag());
    JsonNode quantity = row.path(fields.stockQuantity());
    if (inStock == null && !quantity.isMissingNode() && !quantity.isNull()) {
      if (!quantity.isNumber()) {
        throw new Invalid(RejectReason.INVALID_VALUE, fields.stockQuantity(), "the stock quantity is a number, was "
            + quantity);
      }
      inStock = quantity.doubleValue() > 0;
    }
    return new ItemChange(id.asText(), position, price, inStock, flag(row, fields.active()), false, table);
  }

  private static Boolean flag(JsonNode row, String field) throws Invalid {
    JsonNode value = row.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && (value.intValue() == 0 || value.intValue() == 1)) {
      return value.intValue() == 1; // MySQL's TINYINT(1) booleans
    }
    throw new Invalid(RejectReason.INVALID_VALUE, field, "'" + field + "' is true or false, was " + value);
  }

  /** The change's source position, comparable among the changes of one database. */
  static long position(JsonNode source) throws Invalid {
    if (!source.isObject()) {
      throw new Invalid(RejectReason.MISSING_FIELD, "source", "a change event names its 'source' and position in it");
    }
    JsonNode lsn = source.path("lsn");
    if (lsn.isIntegralNumber() && lsn.longValue() >= 0) {
      return lsn.longValue();
    }
    JsonNode scn = source.path("scn");
    if (scn.isTextual() && scn.textValue().matches("\\d{1,18}") || scn.isIntegralNumber()) {
      return Long.parseLong(scn.asText());
    }
    JsonNode file = source.path("file");
    JsonNode pos = source.path("pos");
    if (file.isTextual() && pos.isIntegralNumber()) {
      String name = file.textValue();
      int dot = name.lastIndexOf('.');
      try {
        long sequence = Long.parseLong(name.substring(dot + 1));
        if (sequence < (1L << 31) && pos.longValue() >= 0 && pos.longValue() < (1L << 32)) {
          return (sequence << 32) | pos.longValue();
        }
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        // answered below
      }
      throw new Invalid(RejectReason.INVALID_VALUE, "source.file", "a binlog file name ends in its sequence number, such as"
          + " mysql-bin.000003; was '" + name + "'");
    }
    throw new Invalid(RejectReason.MISSING_FIELD, "source", "the source names no position: lsn (Postgres), scn"
        + " (Oracle), or file and pos (MySQL)");
  }
}
