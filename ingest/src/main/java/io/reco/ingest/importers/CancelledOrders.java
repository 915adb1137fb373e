package io.reco.ingest.importers;

import io.reco.records.avro.Order;
import io.reco.records.avro.OrderItem;
import io.reco.records.avro.OrderStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups Online Retail cancellation lines into canonical {@link Order} records with status {@code cancelled}, one
 * per cancellation invoice: lines numbered from 1 in file order, quantity as the positive number of units cancelled,
 * ordered_at the invoice's earliest time. Cancellations are kept as orders so returns stay visible to reporting,
 * and out of the clickstream so they never count as interest in a product.
 */
public final class CancelledOrders {
  private final Map<String, Order> orders = new HashMap<>();
  private long lines;

  /** Adds one cancellation line. */
  public void add(OnlineRetailRows.Line line) {
    if (!line.cancellation()) {
      throw new IllegalArgumentException("invoice " + line.invoice() + " is not a cancellation");
    }
    Order order = orders.computeIfAbsent(line.invoice(), invoice -> Order.newBuilder()
        .setOrderId(invoice)
        .setCustomerId(line.customerId())
        .setOrderedAt(line.time())
        .setStatus(OrderStatus.cancelled)
        .setCurrency(OnlineRetailRows.CURRENCY)
        .setCountry(line.country())
        .setItems(new ArrayList<>())
        .build());
    order.setOrderedAt(Math.min(order.getOrderedAt(), line.time()));
    order.getItems().add(OrderItem.newBuilder()
        .setOrderId(line.invoice())
        .setLineNumber(order.getItems().size() + 1)
        .setProductId(line.stockCode())
        .setQuantity(-line.quantity())
        .setUnitPrice(line.unitPrice())
        .build());
    lines++;
  }

  /** Cancellation lines added. */
  public long lines() {
    return lines;
  }

  /** The cancelled orders, by time and then order id. */
  public List<Order> orders() {
    List<Order> sorted = new ArrayList<>(orders.values());
    sorted.sort(Comparator.comparingLong(Order::getOrderedAt).thenComparing(Order::getOrderId));
    return sorted;
  }
}
