package io.reco.jobs.orders;

import io.reco.jobs.common.HeldOutput;
import io.reco.jobs.common.RawFileInputFormat;
import io.reco.jobs.common.RawFileVerdicts;
import io.reco.jobs.common.RawLine;
import io.reco.jobs.common.ReasonCounts;
import io.reco.jobs.quality.RecordProfile;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.TransactionRows;
import io.reco.records.avro.Order;
import io.reco.records.avro.OrderItem;
import io.reco.records.raw.Quarantine;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Checks each raw transaction row ({@link OrderRows}) against the header of its file, its first line (which is not a
 * row). Good rows go on keyed by order_id, the rest to the quarantine - but only once the file's verdict says it
 * matches its manifest: until then what its rows produce is held back ({@link HeldOutput}), and a file that
 * disagrees is quarantined whole, named in {@code files/}. Each task profiles what it released
 * ({@link RecordProfile}) as one line of {@code profile/}.
 */
public final class OrdersMapper extends Mapper<RawLine, Text, Text, OrderPart> {
  private static final byte ROW = 0;
  private static final byte REJECT = 1;
  private static final OrdersCounters[] COUNTED = {OrdersCounters.ROWS_READ, OrdersCounters.ORDER_ROWS,
      OrdersCounters.ITEM_ROWS, OrdersCounters.ROWS_QUARANTINED};

  private final Text orderId = new Text();
  private final OrderPart part = new OrderPart();
  private final RecordProfile profile = new RecordProfile();
  private final HeldOutput held = new HeldOutput();
  private final long[] fileCounts = new long[COUNTED.length];
  private final ReasonCounts fileReasons = new ReasonCounts();
  private RecordProfile fileProfile = new RecordProfile();
  private OrderRows rows;
  private MultipleOutputs<Text, OrderPart> outputs;
  private List<String> header;
  private TransactionRows.Kind kind;
  private String headerProblem;
  private boolean atHeader = true;

  @Override
  protected void setup(Context context) {
    rows = OrdersJob.rows(context.getConfiguration());
    outputs = new MultipleOutputs<>(context);
  }

  @Override
  protected void map(RawLine key, Text line, Context context) throws IOException, InterruptedException {
    if (key.isEnd()) {
      endFile(key, context);
      return;
    }
    String text = line.toString();
    if (atHeader) {
      learnHeader(text);
      atHeader = false;
      return;
    }
    count(OrdersCounters.ROWS_READ);
    fileProfile.read();
    if (kind != null) {
      count(kind == TransactionRows.Kind.ORDERS ? OrdersCounters.ORDER_ROWS : OrdersCounters.ITEM_ROWS);
    }
    String source = key.position();
    try {
      if (headerProblem != null) {
        throw new InvalidRecordException(RejectReason.MISSING_FIELD, null, headerProblem);
      }
      if (key.tooLong()) {
        throw new InvalidRecordException(RejectReason.LIMIT_EXCEEDED, null, "row longer than "
            + RawFileInputFormat.MAX_LINE_BYTES);
      }
      List<String> values = OrderRows.split(text);
      if (kind == TransactionRows.Kind.ORDERS) {
        Order order = rows.order(header, values);
        OrderRows.Version version = OrderRows.version(header, values);
        observe(order);
        orderId.set(order.getOrderId());
        part.set(order, source, text, version);
      } else {
        OrderItem item = rows.item(header, values);
        OrderRows.Version version = OrderRows.version(header, values);
        fileProfile.bucket("row_kind", kind.fileName());
        orderId.set(item.getOrderId());
        part.set(item, source, text, version);
      }
      held.begin(ROW, 0);
      DataOutputStream out = new DataOutputStream(held.stream());
      orderId.write(out);
      part.write(out);
      held.end();
    } catch (InvalidRecordException e) {
      count(OrdersCounters.ROWS_QUARANTINED);
      fileReasons.add(e.reason());
      fileProfile.reject(e.reason().name(), e.field(), source, e.getMessage(), text);
      byte[] entry = Quarantine.record(e.reason().name(), e.field(), source, e.getMessage(), line.getBytes(), 0,
          line.getLength()).getBytes(StandardCharsets.UTF_8);
      held.add(REJECT, 0, entry, 0, entry.length);
    }
  }

  private void count(OrdersCounters counter) {
    for (int i = 0; i < COUNTED.length; i++) {
      if (COUNTED[i] == counter) {
        fileCounts[i]++;
      }
    }
  }

  /** Releases or drops what the file's rows produced, by its verdict, and writes its line in {@code files/}. */
  private void endFile(RawLine end, Context context) throws IOException, InterruptedException {
    long kept = fileCounts[0] - fileCounts[3];
    long quarantined = fileCounts[3];
    if (end.problem() == null) {
      held.release((tag, ignored, bytes, offset, length) -> {
        if (tag == ROW) {
          DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset, length));
          orderId.readFields(in);
          part.readFields(in);
          context.write(orderId, part);
        } else {
          outputs.write(OrdersJob.QUARANTINE, NullWritable.get(), new Text(new String(bytes, offset, length,
              StandardCharsets.UTF_8)), OrdersJob.QUARANTINE + "/part");
        }
      });
      profile.merge(fileProfile);
      for (int i = 0; i < COUNTED.length; i++) {
        context.getCounter(COUNTED[i]).increment(fileCounts[i]);
      }
      fileReasons.addTo(context);
    } else {
      held.discard();
      context.getCounter(OrdersCounters.FILES_REJECTED).increment(1);
      context.getCounter(OrdersCounters.ROWS_IN_REJECTED_FILES).increment(end.lines());
      context.getCounter(end.problem()).increment(1);
    }
    outputs.write(OrdersJob.FILES, NullWritable.get(), new Text(RawFileVerdicts.toJson(end, kept, quarantined)),
        OrdersJob.FILES + "/part");
    fileProfile = new RecordProfile();
    Arrays.fill(fileCounts, 0);
    fileReasons.clear();
    atHeader = true;
  }

  private void observe(Order order) {
    fileProfile.time(order.getOrderedAt(),
        LocalDate.ofInstant(Instant.ofEpochMilli(order.getOrderedAt()), ZoneOffset.UTC).toString());
    fileProfile.bucket("status", order.getStatus().name());
    fileProfile.bucket("row_kind", TransactionRows.Kind.ORDERS.fileName());
    if (order.getCustomerId() == null) {
      fileProfile.missing("customer_id");
    }
    if (order.getCurrency() == null) {
      fileProfile.missing("currency");
    }
    if (order.getCountry() == null) {
      fileProfile.missing("country");
    }
  }

  /** Learns the file's kind and its columns' order from its header line. */
  private void learnHeader(String line) throws IOException {
    try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(line))) {
      Iterator<CSVRecord> first = parser.iterator();
      header = first.hasNext() ? first.next().toList() : List.of();
    } catch (UncheckedIOException e) {
      header = List.of();
    }
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
    held.close();
  }
}
