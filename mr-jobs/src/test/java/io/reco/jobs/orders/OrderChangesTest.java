package io.reco.jobs.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco.changes.OrderChanges;
import io.reco.changes.RowChange;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.records.EventRules;
import io.reco.records.RejectReason;
import io.reco.records.TransactionRows;
import io.reco.records.avro.Order;
import io.reco.records.avro.OrderItem;
import io.reco.records.avro.OrderStatus;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop's orders tables changing over time: Debezium envelopes landed by the change consumer's
 * {@link OrderChanges}, then the orders job keeping each order's latest version, a delete removing it.
 */
class OrderChangesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  private static final String PLACED_AT = "2026-11-20T10:00:00Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static byte[] change(String op, long lsn, String table, Object... fields) {
    ObjectNode row = JSON.createObjectNode();
    for (int i = 0; i < fields.length; i += 2) {
      row.putPOJO((String) fields[i], fields[i + 1]);
    }
    ObjectNode envelope = JSON.createObjectNode();
    envelope.set(op.equals("d") ? "before" : "after", row);
    envelope.putNull(op.equals("d") ? "after" : "before");
    envelope.putObject("source").put("lsn", lsn).put("table", table)
        .put("ts_ms", Instant.parse("2026-11-20T10:00:00Z").toEpochMilli() + lsn * 1000);
    envelope.put("op", op);
    return envelope.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] order(String op, long lsn, String id, String status) {
    return change(op, lsn, "orders", "order_id", id, "customer_id", "c-" + id, "ordered_at", PLACED_AT, "status",
        status, "currency", "EUR", "country", "DE");
  }

  private static byte[] item(String op, long lsn, String id, int line, String product) {
    return change(op, lsn, "order_items", "order_id", id, "line_number", line, "product_id", product, "quantity", 1,
        "unit_price", 4.5);
  }

  /** One poll of the consumer: the messages of one partition from {@code offset} on, committed as files. */
  private static void poll(OrderChanges changes, String topic, long offset, byte[]... messages) throws Exception {
    for (byte[] message : messages) {
      changes.add(OrderChanges.parse(message), topic, 0, offset++);
    }
    changes.commit(CLOCK);
  }

  @Test
  void theLatestChangeOfEachOrderReachesSilverAndADeleteRemovesTheOrderWithItsItems() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    org.apache.hadoop.fs.Path day = RawZone.datePartition(zone.transactions(), LocalDate.of(2026, 11, 20));
    // o3 came first in a delivered file, then changed in the database
    try (RawFileWriter writer = RawFileWriter.create(fs, new org.apache.hadoop.fs.Path(day, "orders-aaaa.csv"))) {
      writer.writeHeader("order_id,customer_id,ordered_at,status,currency,country");
      writer.write("o3,c-o3," + PLACED_AT + ",placed,EUR,DE");
      writer.commit("transactions", Map.of("test", true), CLOCK);
    }
    try (RawFileWriter writer = RawFileWriter.create(fs, new org.apache.hadoop.fs.Path(day,
        "order_items-aaaa.csv"))) {
      writer.writeHeader("order_id,line_number,product_id,quantity,unit_price,ordered_at");
      writer.write("o3,1,p9,2,3.00," + PLACED_AT);
      writer.commit("transactions", Map.of("test", true), CLOCK);
    }
    OrderChanges changes = new OrderChanges(fs, zone);
    poll(changes, "shop.public.orders", 0, order("c", 100, "o1", "placed"), order("c", 110, "o2", "placed"));
    poll(changes, "shop.public.order_items", 0, item("c", 101, "o1", 1, "p1"), item("c", 102, "o1", 2, "p2"),
        item("c", 111, "o2", 1, "p3"));
    // the next day: o1 returned (the message delivered twice, as after a consumer crash), its line 2 deleted,
    // o2 deleted, o3 cancelled
    poll(changes, "shop.public.orders", 2, order("u", 300, "o1", "returned"), order("u", 300, "o1", "returned"),
        order("d", 400, "o2", "placed"), order("u", 500, "o3", "cancelled"));
    poll(changes, "shop.public.order_items", 3, item("d", 301, "o1", 2, "p2"));

    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setLong(EventRules.NOW, CLOCK.millis());
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(dir.resolve("out").toUri());
    OrdersJob.Result result = OrdersJob.check(Jobs.run(OrdersJob.createJob(conf, List.of(day), output)));

    assertEquals(12, result.rowsRead(), "2 delivered rows, 10 changes");
    assertEquals(List.of(2L, 2L, 0L, 1L, 7L), List.of(result.orders(), result.items(), result.quarantined(),
        result.duplicates(), result.superseded()), result.toString());
    Map<String, Order> silver = new TreeMap<>();
    for (File avro : files(dir.resolve("out/silver"), ".avro")) {
      try (DataFileReader<Order> reader = new DataFileReader<>(avro, new SpecificDatumReader<>(Order.class))) {
        reader.forEach(o -> silver.put(o.getOrderId(), o));
      }
    }
    assertEquals(List.of("o1", "o3"), new ArrayList<>(silver.keySet()), "o2 was deleted");
    assertEquals(OrderStatus.returned, silver.get("o1").getStatus());
    assertEquals(List.of("p1"), silver.get("o1").getItems().stream().map(OrderItem::getProductId).toList(),
        "line 2 was deleted");
    assertEquals(OrderStatus.cancelled, silver.get("o3").getStatus(), "a change is newer than a delivered row");
    assertEquals(List.of("p9"), silver.get("o3").getItems().stream().map(OrderItem::getProductId).toList());

    Map<String, Long> reasons = new TreeMap<>();
    for (File part : files(dir.resolve("out/" + OrdersJob.DUPLICATES), "")) {
      for (String line : Files.readAllLines(part.toPath())) {
        JsonNode json = JSON.readTree(line);
        reasons.merge(json.path("reason").asText() + " " + json.path("field").asText(), 1L, Long::sum);
      }
    }
    assertEquals(Map.of("DUPLICATE_ID order_id", 1L, "SUPERSEDED order_id", 4L, "SUPERSEDED line_number", 3L),
        reasons);
  }

  @Test
  void aChangeRowIsCheckedAsADeliveredRowIsAndAnItemWithoutItsTimeTakesTheCommitTime() throws Exception {
    OrderChanges.Line line = OrderChanges.parse(item("c", 5, "o1", 1, "p1"));
    assertEquals(TransactionRows.Kind.ORDER_ITEMS, line.kind());
    assertEquals(Instant.parse("2026-11-20T10:00:05Z").toEpochMilli(), line.time());
    assertEquals(List.of("o1", "1", "p1", "1", "4.5", "2026-11-20T10:00:05Z", "c", "5"), line.values());
    assertEquals(OrderChanges.header(TransactionRows.Kind.ORDER_ITEMS).size(), line.values().size());

    RowChange.Invalid noTime = assertThrows(RowChange.Invalid.class, () -> OrderChanges.parse(change("c", 6,
        "orders", "order_id", "o2", "status", "placed")));
    assertEquals(RejectReason.MISSING_FIELD, noTime.reason);
    assertEquals(TransactionRows.TIMESTAMP, noTime.field);
  }

  private static List<File> files(Path root, String suffix) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
          .filter(p -> p.toString().endsWith(suffix)).map(Path::toFile).toList();
    }
  }
}
