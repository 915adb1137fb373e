package io.reco.jobs.orders;

import io.reco.jobs.common.DatedAvroFiles;
import io.reco.records.RejectReason;
import io.reco.records.avro.Order;
import io.reco.records.raw.Quarantine;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Joins the rows of one order_id into one {@link Order} ({@link OrderAssembler}) and writes it to silver under the
 * UTC date of its ordered_at; second copies and versions superseded by a later change go to the duplicates output,
 * items without an order row to the quarantine.
 */
public final class OrdersReducer extends Reducer<Text, OrderPart, NullWritable, NullWritable> {
  /** Where the reducer's records go: the job's named outputs, or a test's lists. */
  interface Sink {
    /** Writes a clean order under the date partition {@code date}. */
    void silver(Order order, LocalDate date) throws IOException, InterruptedException;

    /** Writes one duplicates line. */
    void duplicate(String json) throws IOException, InterruptedException;

    /** Writes one quarantine line. */
    void quarantine(String json) throws IOException, InterruptedException;

    /** Flushes and closes what it opened. */
    void close() throws IOException, InterruptedException;
  }

  private final Function<Context, Sink> sinks;
  private Sink sink;

  /** The reducer of the job, writing its named outputs. */
  public OrdersReducer() {
    this(NamedOutputs::new);
  }

  /** A reducer writing to {@code sinks}: MRUnit cannot capture named outputs, so its tests pass their own. */
  OrdersReducer(Function<Context, Sink> sinks) {
    this.sinks = sinks;
  }

  @Override
  protected void setup(Context context) {
    sink = sinks.apply(context);
  }

  @Override
  protected void reduce(Text orderId, Iterable<OrderPart> parts, Context context)
      throws IOException, InterruptedException {
    OrderAssembler assembler = new OrderAssembler(orderId.toString());
    for (OrderPart part : parts) {
      if (part.order() != null) {
        assembler.order(part.order(), part.source(), part.line(), part.version());
      } else {
        assembler.item(part.item(), part.source(), part.line(), part.version());
      }
    }
    OrderAssembler.Assembled assembled = assembler.assemble();
    Order order = assembled.order();
    if (order != null) {
      sink.silver(order, LocalDate.ofInstant(Instant.ofEpochMilli(order.getOrderedAt()), ZoneOffset.UTC));
      context.getCounter(OrdersCounters.ORDERS_CLEAN).increment(1);
      context.getCounter(OrdersCounters.ITEMS_CLEAN).increment(order.getItems().size());
      if (order.getItems().isEmpty()) {
        context.getCounter(OrdersCounters.ORDERS_WITHOUT_ITEMS).increment(1);
      }
    }
    for (OrderAssembler.Rejected duplicate : assembled.duplicates()) {
      context.getCounter(duplicate.reason() == RejectReason.SUPERSEDED ? OrdersCounters.SUPERSEDED
          : OrdersCounters.DUPLICATES).increment(1);
      sink.duplicate(json(duplicate));
    }
    for (OrderAssembler.Rejected unknown : assembled.unknown()) {
      context.getCounter(OrdersCounters.ROWS_QUARANTINED).increment(1);
      context.getCounter(RejectReason.UNKNOWN_REFERENCE).increment(1);
      sink.quarantine(json(unknown));
    }
  }

  private static String json(OrderAssembler.Rejected r) {
    return Quarantine.record(r.reason().name(), r.field(), r.source(), r.message(), r.line());
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    sink.close();
  }

  /** The job's outputs: silver Avro by date, and the duplicates and quarantine JSON lines. */
  private static final class NamedOutputs implements Sink {
    private final DatedAvroFiles<Order> silver;
    private final MultipleOutputs<NullWritable, NullWritable> text;

    NamedOutputs(TaskInputOutputContext<?, ?, NullWritable, NullWritable> context) {
      silver = new DatedAvroFiles<>(context, OrdersJob.SILVER, Order.getClassSchema());
      text = new MultipleOutputs<>(context);
    }

    @Override
    public void silver(Order order, LocalDate date) throws IOException, InterruptedException {
      silver.write(order, order.getOrderedAt());
    }

    @Override
    public void duplicate(String json) throws IOException, InterruptedException {
      text.write(OrdersJob.DUPLICATES, NullWritable.get(), new Text(json), OrdersJob.DUPLICATES + "/part");
    }

    @Override
    public void quarantine(String json) throws IOException, InterruptedException {
      text.write(OrdersJob.QUARANTINE, NullWritable.get(), new Text(json), OrdersJob.QUARANTINE + "/part");
    }

    @Override
    public void close() throws IOException, InterruptedException {
      silver.close();
      text.close();
    }
  }
}
