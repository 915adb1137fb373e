package io.reco.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.records.RejectReason;

/**
 * One change to an item's live state, read from a row-level change event ({@link RowChange}) of a products or
 * inventory table. The row's fields are named by {@link Fields}: the item id, and any of price, an in-stock flag or
 * a stock quantity (in stock while above 0), an active flag.
 *
 * @param price null when the row has no price field
 * @param inStock null when the row says nothing of stock
 * @param active null when the row has no active flag
 * @param time the source's commit time, epoch ms (0 when the envelope names none)
 */
record ItemChange(String itemId, long position, Double price, Boolean inStock, Boolean active, boolean deleted,
    String table, long time) {

  /** The row fields a change is read from. */
  record Fields(String id, String price, String inStockFlag, String stockQuantity, String active) {
  }

  /** The change in {@code value}; null for a tombstone (the empty message Kafka compaction follows a delete with). */
  static ItemChange parse(byte[] value, Fields fields) throws RowChange.Invalid {
    RowChange change = RowChange.parse(value, fields.id());
    if (change == null) {
      return null;
    }
    if (change.deleted()) {
      return new ItemChange(change.id(), change.position(), null, null, null, true, change.table(), change.time());
    }
    JsonNode row = change.row();
    Double price = null;
    JsonNode priceNode = row.path(fields.price());
    if (!priceNode.isMissingNode() && !priceNode.isNull()) {
      if (!priceNode.isNumber() || priceNode.doubleValue() < 0 || !Double.isFinite(priceNode.doubleValue())) {
        throw new RowChange.Invalid(RejectReason.INVALID_VALUE, fields.price(), "the price is a number of 0 or more,"
            + " was " + priceNode);
      }
      price = priceNode.doubleValue();
    }
    Boolean inStock = flag(row, fields.inStockFlag());
    JsonNode quantity = row.path(fields.stockQuantity());
    if (inStock == null && !quantity.isMissingNode() && !quantity.isNull()) {
      if (!quantity.isNumber()) {
        throw new RowChange.Invalid(RejectReason.INVALID_VALUE, fields.stockQuantity(), "the stock quantity is a"
            + " number, was " + quantity);
      }
      inStock = quantity.doubleValue() > 0;
    }
    return new ItemChange(change.id(), change.position(), price, inStock, flag(row, fields.active()), false,
        change.table(), change.time());
  }

  private static Boolean flag(JsonNode row, String field) throws RowChange.Invalid {
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
    throw new RowChange.Invalid(RejectReason.INVALID_VALUE, field, "'" + field + "' is true or false, was " + value);
  }
}
