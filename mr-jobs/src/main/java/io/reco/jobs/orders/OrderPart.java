package io.reco.jobs.orders;

import io.reco.records.avro.Order;
import io.reco.records.avro.OrderItem;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/**
 * The shuffle value of the orders job: one checked row on its way to its order, either the order row or one item
 * row (as Avro), with where it came from and its raw line for the duplicates output and the quarantine.
 */
public final class OrderPart implements Writable {
  private Order order;
  private OrderItem item;
  private String source;
  private String line;
  private OrderRows.Version version = OrderRows.Version.DELIVERED;

  /** Sets this to an order row delivered in a file. */
  public OrderPart set(Order order, String source, String line) {
    return set(order, source, line, OrderRows.Version.DELIVERED);
  }

  /** Sets this to an order row of {@code version}. */
  public OrderPart set(Order order, String source, String line, OrderRows.Version version) {
    this.order = Objects.requireNonNull(order);
    this.item = null;
    return at(source, line, version);
  }

  /** Sets this to an item row delivered in a file. */
  public OrderPart set(OrderItem item, String source, String line) {
    return set(item, source, line, OrderRows.Version.DELIVERED);
  }

  /** Sets this to an item row of {@code version}. */
  public OrderPart set(OrderItem item, String source, String line, OrderRows.Version version) {
    this.order = null;
    this.item = Objects.requireNonNull(item);
    return at(source, line, version);
  }

  private OrderPart at(String source, String line, OrderRows.Version version) {
    this.source = source;
    this.line = line;
    this.version = Objects.requireNonNull(version);
    return this;
  }

  /** Which version of its order or item the row is. */
  public OrderRows.Version version() {
    return version;
  }

  /** The order of an order row, or null for an item row. */
  public Order order() {
    return order;
  }

  /** The item of an item row, or null for an order row. */
  public OrderItem item() {
    return item;
  }

  /** Where the row came from, {@code file:offset}. */
  public String source() {
    return source;
  }

  /** The row as it arrived. */
  public String line() {
    return line;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeBoolean(order != null);
    Text.writeString(out, source);
    Text.writeString(out, line);
    WritableUtils.writeVLong(out, version.position());
    out.writeBoolean(version.deleted());
    ByteBuffer avro = order != null ? order.toByteBuffer() : item.toByteBuffer();
    byte[] bytes = new byte[avro.remaining()];
    avro.get(bytes);
    WritableUtils.writeVInt(out, bytes.length);
    out.write(bytes);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    boolean isOrder = in.readBoolean();
    source = Text.readString(in);
    line = Text.readString(in);
    version = new OrderRows.Version(WritableUtils.readVLong(in), in.readBoolean());
    byte[] bytes = new byte[WritableUtils.readVInt(in)];
    in.readFully(bytes);
    // New records each time: the reducer keeps them while Hadoop reuses this object.
    order = isOrder ? Order.fromByteBuffer(ByteBuffer.wrap(bytes)) : null;
    item = isOrder ? null : OrderItem.fromByteBuffer(ByteBuffer.wrap(bytes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrderPart p && Objects.equals(order, p.order) && Objects.equals(item, p.item)
        && Objects.equals(source, p.source) && Objects.equals(line, p.line) && version.equals(p.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(order, item, source, line, version);
  }

  @Override
  public String toString() {
    return (order != null ? order : item) + " from " + source;
  }
}
