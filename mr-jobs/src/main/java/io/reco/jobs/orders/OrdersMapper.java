package io.reco.jobs.orders;

import io.reco.jobs.quality.RecordProfile;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.TransactionRows;
import io.reco.records.avro.Order;
import io.reco.records.avro.OrderItem;
import io.reco.records.raw.Quarantine;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Checks each raw transaction row ({@link OrderRows}) against the header of its file, which it reads from the file
 * when the input moves to a new one (the header line itself is not a row). Good rows go on keyed by order_id, the
 * rest to the quarantine. Each task profiles what it read ({@link RecordProfile}) as one line of {@code profile/}.
 */
public final class OrdersMapper extends Mapper<LongWritable, Text, Text, OrderPart> {
  private final Text orderId = new Text();
  private final OrderPart part = new OrderPart();
  private final RecordProfile profile = new RecordProfile();
  private OrderRows rows;
  private MultipleOutputs<Text, OrderPart> outputs;
  private String file;
  private List<String> header;
  private TransactionRows.Kind kind;
  private String headerProblem;

  @Override
  protected void setup(Context context) {
    rows = OrdersJob.rows(context.getConfiguration());
    outputs = new MultipleOutputs<>(context);
  }

  @Override
  protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
    Configuration conf = context.getConfiguration();
    String current = conf.get(MRJobConfig.MAP_INPUT_FILE);
    if (current == null) {
      throw new IllegalStateException(MRJobConfig.MAP_INPUT_FILE + " is not set: the input must be files");
    }
    if (!current.equals(file)) {
      learnHeader(current, conf);
    }
    if (offset.get() == 0) {
      return;
    }
    context.getCounter(OrdersCounters.ROWS_READ).increment(1);
    profile.read();
    if (kind != null) {
      context.getCounter(kind == TransactionRows.Kind.ORDERS ? OrdersCounters.ORDER_ROWS : OrdersCounters.ITEM_ROWS)
          .increment(1);
    }
    String text = line.toString();
    String source = file + ":" + offset.get();
    try {
      if (headerProblem != null) {
        throw new InvalidRecordException(RejectReason.MISSING_FIELD, null, headerProblem);
      }
      List<String> values = OrderRows.split(text);
      if (kind == TransactionRows.Kind.ORDERS) {
        Order order = rows.order(header, values);
        observe(order);
        orderId.set(order.getOrderId());
        part.set(order, source, text);
      } else {
        OrderItem item = rows.item(header, values);
        profile.bucket("row_kind", kind.fileName());
        orderId.set(item.getOrderId());
        part.set(item, source, text);
      }
      context.write(orderId, part);
    } catch (InvalidRecordException e) {
      context.getCounter(OrdersCounters.ROWS_QUARANTINED).increment(1);
      context.getCounter(e.reason()).increment(1);
      profile.reject(e.reason().name(), e.field(), source, e.getMessage(), text);
      outputs.write(OrdersJob.QUARANTINE, NullWritable.get(),
          new Text(Quarantine.record(e.reason().name(), e.field(), source, e.getMessage(), text)),
          OrdersJob.QUARANTINE + "/part");
    }
  }

  private void observe(Order order) {
    profile.time(order.getOrderedAt(),
        LocalDate.ofInstant(Instant.ofEpochMilli(order.getOrderedAt()), ZoneOffset.UTC).toString());
    profile.bucket("status", order.getStatus().name());
    profile.bucket("row_kind", TransactionRows.Kind.ORDERS.fileName());
    if (order.getCustomerId() == null) {
      profile.missing("customer_id");
    }
    if (order.getCurrency() == null) {
      profile.missing("currency");
    }
    if (order.getCountry() == null) {
      profile.missing("country");
    }
  }

  /** Reads the first line of {@code path}, the header that gives the file its kind and its columns' order. */
  private void learnHeader(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    try (Reader reader = new InputStreamReader(p.getFileSystem(conf).open(p), StandardCharsets.UTF_8);
         CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
      Iterator<CSVRecord> first = parser.iterator();
      header = first.hasNext() ? first.next().toList() : List.of();
    } catch (UncheckedIOException e) {
      throw new IOException("cannot read the CSV header of " + path + ": " + e.getCause().getMessage(), e);
    }
    file = path;
    try {
      kind = TransactionRows.kindOf(header);
      headerProblem = null;
    } catch (IllegalArgumentException e) {
      kind = null;
      headerProblem = e.getMessage();
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    outputs.write(OrdersJob.PROFILE, NullWritable.get(), new Text(profile.toJson()), OrdersJob.PROFILE + "/part");
    outputs.close();
  }
}
