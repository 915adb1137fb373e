package io.reco.schema;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * One row of {@link RecoTables#ITEM_STATUS}: an item's live state as the shop's databases last said, each field
 * known only once a change has named it.
 *
 * <p>Cells: {@code price} (double), {@code in_stock}, {@code active}, {@code deleted} (booleans), each written with
 * the change's source position as its timestamp; and {@code applied}, stamped by the region server's clock when
 * the change was written, by which readers find the rows changed since they last looked ({@link #changedSince}). A change replayed writes the same cell again; one older than what
 * the row holds is shadowed by the newer cell - so applying a stream of changes at least once leaves the state of
 * applying it exactly once.
 *
 * @param price the live price; null when no change has given one
 * @param inStock null when no change has said
 * @param active null when no change has said
 * @param deleted whether the newest change deleted the item's row
 * @param position the newest source position among the row's cells
 */
public record ItemStatus(Double price, Boolean inStock, Boolean active, boolean deleted, long position) {
  private static final byte[] PRICE = Bytes.toBytes("price");
  private static final byte[] IN_STOCK = Bytes.toBytes("in_stock");
  private static final byte[] ACTIVE = Bytes.toBytes("active");
  private static final byte[] DELETED = Bytes.toBytes("deleted");
  private static final byte[] APPLIED = Bytes.toBytes("applied");

  /**
   * The Put of one change to an item at source {@code position} (0 or more): the fields it gives (null: it says
   * nothing of that field), and whether it deletes the item.
   */
  public static Put change(String itemId, long position, Double price, Boolean inStock, Boolean active,
      boolean deleted) {
    if (position < 0) {
      throw new IllegalArgumentException("a source position is 0 or more, was " + position);
    }
    byte[] family = RecoTables.ITEM_STATUS.family().bytes();
    Put put = new Put(RowKeys.of(itemId));
    if (price != null) {
      put.addColumn(family, PRICE, position, Bytes.toBytes(price));
    }
    if (inStock != null) {
      put.addColumn(family, IN_STOCK, position, Bytes.toBytes(inStock));
    }
    if (active != null) {
      put.addColumn(family, ACTIVE, position, Bytes.toBytes(active));
    }
    put.addColumn(family, DELETED, position, Bytes.toBytes(deleted));
    put.addColumn(family, APPLIED, Bytes.toBytes(position));
    return put;
  }

  /**
   * The scan of the rows a change was applied to at or after {@code wallMillis} (region server time), their row
   * keys only; 0 scans every row.
   */
  public static Scan changedSince(long wallMillis) throws java.io.IOException {
    return new Scan().addColumn(RecoTables.ITEM_STATUS.family().bytes(), APPLIED)
        .setTimeRange(Math.max(0, wallMillis), Long.MAX_VALUE).setFilter(new KeyOnlyFilter()).setCaching(1000);
  }

  /** The Get of an item's row. */
  public static Get get(String itemId) {
    return new Get(RowKeys.of(itemId)).addFamily(RecoTables.ITEM_STATUS.family().bytes());
  }

  /** The Gets of several items, in their order. */
  public static List<Get> gets(Collection<String> itemIds) {
    return itemIds.stream().map(ItemStatus::get).toList();
  }

  /** The status in a result of {@link #get}; empty when no change has named the item. */
  public static Optional<ItemStatus> from(Result result) {
    if (result == null || result.isEmpty()) {
      return Optional.empty();
    }
    byte[] family = RecoTables.ITEM_STATUS.family().bytes();
    long position = 0;
    for (Cell cell : result.rawCells()) {
      if (!org.apache.hadoop.hbase.CellUtil.matchingQualifier(cell, APPLIED)) {
        position = Math.max(position, cell.getTimestamp());
      }
    }
    byte[] price = result.getValue(family, PRICE);
    byte[] inStock = result.getValue(family, IN_STOCK);
    byte[] active = result.getValue(family, ACTIVE);
    byte[] deleted = result.getValue(family, DELETED);
    return Optional.of(new ItemStatus(price == null ? null : Bytes.toDouble(price),
        inStock == null ? null : Bytes.toBoolean(inStock), active == null ? null : Bytes.toBoolean(active),
        deleted != null && Bytes.toBoolean(deleted), position));
  }

  /** The statuses of several results of {@link #gets}, by item id; items without one left out. */
  public static Map<String, ItemStatus> from(List<String> itemIds, Result[] results) {
    Map<String, ItemStatus> out = new LinkedHashMap<>();
    for (int i = 0; i < results.length; i++) {
      int at = i;
      from(results[i]).ifPresent(status -> out.put(itemIds.get(at), status));
    }
    return out;
  }
}
