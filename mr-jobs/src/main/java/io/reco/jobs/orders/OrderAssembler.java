package io.reco.jobs.orders;

import io.reco.records.RejectReason;
import io.reco.records.avro.Order;
import io.reco.records.avro.OrderItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one order from the checked rows of its order_id, whatever order they arrive in: the order row with its
 * items sorted by line_number. Of several order rows, or several items with one line_number, one is kept:
 * <ul>
 *   <li>a row of the shop's change capture (it has a source position) is newer than any delivered in a file, and
 *       of two changes the one with the greater position is; the older versions are SUPERSEDED;</li>
 *   <li>of rows equally new (delivered rows, or one change written twice), the one with the smallest raw line (then
 *       source) is kept and the others are duplicates (DUPLICATE_ID).</li>
 * </ul>
 * When the kept version is a delete, the order (or the item) is gone: every row of it is SUPERSEDED, the order's
 * items with it. Items with no order row (it was missing, quarantined, or outside the run's dates) are rejected as
 * UNKNOWN_REFERENCE, their duplicates included.
 */
public final class OrderAssembler {
  private static final Comparator<Row<?>> FIRST = Comparator.<Row<?>>comparingLong(r -> -r.position())
      .thenComparing(Row::line).thenComparing(Row::source);

  /** One checked row, where it came from ({@code file:offset}), its line as it arrived and which version it is. */
  public record Row<T>(T record, String source, String line, OrderRows.Version version) {
    long position() {
      return version.position();
    }

    boolean deleted() {
      return version.deleted();
    }
  }

  /** A row that does not reach silver, with what the duplicates output or the quarantine records of it. */
  public record Rejected(RejectReason reason, String field, String source, String message, String line) {
  }

  /**
   * What became of one order_id's rows.
   *
   * @param order the order with its items, or null when there was no order row
   * @param duplicates rows that lost to a kept one (reason DUPLICATE_ID, or SUPERSEDED by a later change), order
   *     rows first, then by line_number
   * @param unknown items without an order row (reason UNKNOWN_REFERENCE)
   */
  public record Assembled(Order order, List<Rejected> duplicates, List<Rejected> unknown) {
  }

  private final String orderId;
  private final List<Row<Order>> orders = new ArrayList<>();
  private final List<Row<OrderItem>> items = new ArrayList<>();

  /** An empty assembly for {@code orderId}. */
  public OrderAssembler(String orderId) {
    this.orderId = orderId;
  }

  /** Adds an order row of {@code version}. */
  public OrderAssembler order(Order order, String source, String line, OrderRows.Version version) {
    orders.add(new Row<>(order, source, line, version));
    return this;
  }

  /** Adds an item row of {@code version}. */
  public OrderAssembler item(OrderItem item, String source, String line, OrderRows.Version version) {
    items.add(new Row<>(item, source, line, version));
    return this;
  }

  /** The order, its duplicates and its unknown items. */
  public Assembled assemble() {
    List<Rejected> duplicates = new ArrayList<>();
    if (orders.isEmpty()) {
      List<Rejected> unknown = new ArrayList<>();
      items.stream().sorted(FIRST).forEach(item -> unknown.add(new Rejected(RejectReason.UNKNOWN_REFERENCE,
          "order_id", item.source(), "order_id '" + orderId
          + "' has no valid order row in this run (missing, quarantined or outside its dates)", item.line())));
      return new Assembled(null, duplicates, unknown);
    }
    orders.sort(FIRST);
    Row<Order> kept = orders.get(0);
    if (kept.deleted()) {
      String why = "order_id '" + orderId + "' was deleted in the shop's database by the change at position "
          + kept.position();
      orders.forEach(row -> duplicates.add(superseded("order_id", row, why)));
      items.stream().sorted(Comparator.<Row<OrderItem>>comparingInt(r -> r.record().getLineNumber())
              .thenComparing(FIRST)).forEach(row -> duplicates.add(superseded("line_number", row, why)));
      return new Assembled(null, duplicates, List.of());
    }
    for (Row<Order> other : orders.subList(1, orders.size())) {
      duplicates.add(other.position() < kept.position()
          ? superseded("order_id", other, "order_id '" + orderId + "' changed later: silver holds the version of "
              + kept.source())
          : new Rejected(RejectReason.DUPLICATE_ID, "order_id", other.source(), "order_id '" + orderId
              + "' already has the order row kept in silver, from " + kept.source(), other.line()));
    }
    Map<Integer, List<Row<OrderItem>>> byLine = new TreeMap<>();
    for (Row<OrderItem> item : items) {
      byLine.computeIfAbsent(item.record().getLineNumber(), n -> new ArrayList<>()).add(item);
    }
    List<OrderItem> lines = new ArrayList<>();
    byLine.forEach((number, rows) -> {
      rows.sort(FIRST);
      Row<OrderItem> first = rows.get(0);
      String line = "line_number " + number + " of order_id '" + orderId + "'";
      if (first.deleted()) {
        rows.forEach(row -> duplicates.add(superseded("line_number", row, line
            + " was deleted in the shop's database by the change at position " + first.position())));
        return;
      }
      lines.add(first.record());
      for (Row<OrderItem> other : rows.subList(1, rows.size())) {
        duplicates.add(other.position() < first.position()
            ? superseded("line_number", other, line + " changed later: silver holds the version of "
                + first.source())
            : new Rejected(RejectReason.DUPLICATE_ID, "line_number", other.source(), line
                + " is already taken by the item from " + first.source(), other.line()));
      }
    });
    Order order = Order.newBuilder(kept.record()).setItems(lines).build();
    return new Assembled(order, duplicates, List.of());
  }

  private static Rejected superseded(String field, Row<?> row, String why) {
    return new Rejected(RejectReason.SUPERSEDED, field, row.source(), why, row.line());
  }
}
