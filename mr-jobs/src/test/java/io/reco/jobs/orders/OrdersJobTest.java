package io.reco.jobs.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.jobs.common.CommittedFileFilter;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.quality.RecordProfile;
import io.reco.records.EventRules;
import io.reco.records.RejectReason;
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
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orders job on LocalJobRunner over committed raw CSV files of two dates, good and broken rows side by side. */
class OrdersJobTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
  private static final LocalDate DAY2 = LocalDate.of(2026, 11, 21);
  private static final String ORDERS = "order_id,customer_id,ordered_at,status,currency,country";
  private static final String ITEMS = "order_id,line_number,product_id,quantity,unit_price,ordered_at";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static void commit(FileSystem fs, org.apache.hadoop.fs.Path file, String header, String... rows)
      throws Exception {
    try (RawFileWriter writer = RawFileWriter.create(fs, file)) {
      writer.writeHeader(header);
      for (String row : rows) {
        writer.write(row);
      }
      writer.commit("transactions", Map.of("test", true), CLOCK);
    }
  }

  /** Writes the raw zone of the test and returns its transactions directory. */
  private org.apache.hadoop.fs.Path rawZone(FileSystem fs) throws Exception {
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    org.apache.hadoop.fs.Path day1 = RawZone.datePartition(zone.transactions(), DAY1);
    org.apache.hadoop.fs.Path day2 = RawZone.datePartition(zone.transactions(), DAY2);
    commit(fs, new org.apache.hadoop.fs.Path(day1, "orders-aaaa.csv"), ORDERS,
        "o1,c1,2026-11-20T10:00:00Z,placed,EUR,DE",
        "o2,,2026-11-20 11:00:00,Cancelled,,",
        "o3,c3,2026-11-20T12:00:00Z,lost,EUR,FR",          // bad status
        "o1,c9,2026-11-20T10:05:00Z,placed,EUR,DE",         // second order row of o1
        "o5,c5,2026-11-20T13:00:00Z,returned,USD,US");      // an order without items
    commit(fs, new org.apache.hadoop.fs.Path(day1, "order_items-aaaa.csv"), ITEMS,
        "o1,2,p2,1,5.25,2026-11-20T10:00:00Z",
        "o1,1,p1,2,10.00,2026-11-20T10:00:00Z",
        "o1,2,p9,1,5.25,2026-11-20T10:00:00Z",              // second line 2 of o1
        "o2,1,p3,3,0,2026-11-20 11:00:00",
        "o1,3,p4,0,2.50,2026-11-20T10:00:00Z",              // zero quantity
        "o1,4,p5,1,-3.00,2026-11-20T10:00:00Z",             // negative price
        "o1,5,,1,1.00,2026-11-20T10:00:00Z",                // no product_id
        "o1,x,p6,1,1.00,2026-11-20T10:00:00Z",              // line_number not a number
        "o9,1,p7,1,4.00,2026-11-20T09:00:00Z",              // no order o9
        "o3,1,p8,1,2.00,2026-11-20T12:00:00Z");             // its order was quarantined
    // columns in another order, without currency and country
    commit(fs, new org.apache.hadoop.fs.Path(day2, "orders-bbbb.csv"), "status,ordered_at,order_id,customer_id",
        "placed,2026-11-21T08:00:00Z,o6,c6",
        "placed,2026-11-21T18:00:00Z,o7,c7",                // in the future
        " PLACED ,2026-11-21T09:00:00Z, o8 ,c8");
    commit(fs, new org.apache.hadoop.fs.Path(day2, "order_items-bbbb.csv"), ITEMS,
        "o6,1,p1,1,10.00,2026-11-21T08:00:00Z",
        "o6,2,p2,2,7.5,2026-11-21T08:00:00Z",
        "o7,1,p3,1,1.00,2026-11-21T18:00:00Z",              // its order is in the future
        "o8,1,p4,1,abc,2026-11-21T09:00:00Z",               // price not a number
        "o8,1,p4,1,3.00,2026-11-21T09:00:00Z",
        "o6,3,p5,1");                                       // too few columns
    // a file without its manifest was never committed: not read
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(day1, "orders-cccc.csv"))) {
      out.write((ORDERS + "\no100,c1,2026-11-20T10:00:00Z,placed,EUR,DE\n").getBytes(StandardCharsets.UTF_8));
    }
    // a date outside the range: not read
    commit(fs, new org.apache.hadoop.fs.Path(RawZone.datePartition(zone.transactions(), DAY2.plusDays(1)),
        "orders-dddd.csv"), ORDERS, "o200,c1,2026-11-22T10:00:00Z,placed,EUR,DE");
    return zone.transactions();
  }

  @Test
  void aCsvFileChangedAfterItsCommitIsQuarantinedWholeAndItsRowsReachNoOrder() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path day = RawZone.datePartition(
        new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri())).transactions(), DAY1);
    commit(fs, new org.apache.hadoop.fs.Path(day, "orders-aaaa.csv"), ORDERS,
        "o1,c1,2026-11-20T10:00:00Z,placed,EUR,DE");
    commit(fs, new org.apache.hadoop.fs.Path(day, "order_items-aaaa.csv"), ITEMS,
        "o1,1,p1,2,10.00,2026-11-20T10:00:00Z", "o1,2,p2,1,5.00,2026-11-20T10:00:00Z");
    Path items = Path.of(new org.apache.hadoop.fs.Path(day, "order_items-aaaa.csv").toUri());
    Files.writeString(items, Files.readString(items).replace("10.00", "99.00"));
    Files.deleteIfExists(items.resolveSibling(".order_items-aaaa.csv.crc"));

    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setLong(EventRules.NOW, CLOCK.millis());
    OrdersJob.Result result = OrdersJob.check(Jobs.run(OrdersJob.createJob(conf, List.of(day),
        new org.apache.hadoop.fs.Path(dir.resolve("out").toUri()))));
    assertEquals(3, result.rowsRead());
    assertEquals(1, result.filesRejected());
    assertEquals(2, result.rowsInRejectedFiles());
    assertEquals(1, result.orders(), "the order stands, without the items of the broken file");
    assertEquals(0, result.items());
    String verdicts = Files.readString(Files.list(dir.resolve("out/files")).filter(f -> f.getFileName().toString()
        .startsWith("part")).findFirst().orElseThrow());
    assertTrue(verdicts.contains("order_items-aaaa.csv\",\"status\":\"CHECKSUM_MISMATCH\""), verdicts);
    assertTrue(verdicts.contains("orders-aaaa.csv\",\"status\":\"read\",\"fails\":false,\"detail\":null,"
        + "\"records\":1,\"manifest_records\":1"), verdicts);
  }

  @Test
  void joinsCleanOrdersWithTheirItemsQuarantinesTheRestAndCountsReconcile() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path transactions = rawZone(fs);
    List<org.apache.hadoop.fs.Path> partitions = OrdersJob.partitions(fs, transactions, DAY1.minusDays(1), DAY2);
    assertEquals(List.of("dt=2026-11-20", "dt=2026-11-21"), partitions.stream().map(p -> p.getName()).toList());

    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setLong(EventRules.NOW, CLOCK.millis());
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(dir.resolve("out").toUri());
    Job job = Jobs.run(OrdersJob.createJob(conf, partitions, output));
    OrdersJob.Result result = OrdersJob.check(job);

    assertEquals(24, result.rowsRead(), "5 + 10 rows on the first date, 3 + 6 on the second; headers are not rows");
    assertEquals(8, job.getCounters().findCounter(OrdersCounters.ORDER_ROWS).getValue());
    assertEquals(16, job.getCounters().findCounter(OrdersCounters.ITEM_ROWS).getValue());
    assertEquals(5, result.orders());
    assertEquals(6, result.items());
    assertEquals(11, result.quarantined());
    assertEquals(2, result.duplicates());
    assertEquals(1, result.ordersWithoutItems());
    assertEquals(result.rowsRead(), result.orders() + result.items() + result.quarantined() + result.duplicates());
    assertEquals(Map.of(RejectReason.INVALID_VALUE, 3L, RejectReason.MISSING_FIELD, 1L, RejectReason.WRONG_TYPE, 2L,
        RejectReason.INVALID_TIMESTAMP, 1L, RejectReason.WRONG_COLUMN_COUNT, 1L, RejectReason.UNKNOWN_REFERENCE, 3L),
        result.reasons());

    Map<String, Order> day1 = silver("out/silver/dt=2026-11-20");
    Map<String, Order> day2 = silver("out/silver/dt=2026-11-21");
    assertEquals(List.of("o1", "o2", "o5"), new ArrayList<>(day1.keySet()));
    assertEquals(List.of("o6", "o8"), new ArrayList<>(day2.keySet()));
    Order o1 = day1.get("o1");
    assertEquals("c1", o1.getCustomerId(), "the smaller of the two o1 rows is kept");
    assertEquals(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli(), o1.getOrderedAt());
    assertEquals(OrderStatus.placed, o1.getStatus());
    assertEquals("EUR", o1.getCurrency());
    assertEquals("DE", o1.getCountry());
    assertEquals(List.of(new OrderItem("o1", 1, "p1", 2, 10.0), new OrderItem("o1", 2, "p2", 1, 5.25)),
        o1.getItems());
    assertEquals(25.25, total(o1));
    Order o2 = day1.get("o2");
    assertNull(o2.getCustomerId());
    assertNull(o2.getCurrency());
    assertEquals(OrderStatus.cancelled, o2.getStatus());
    assertEquals(List.of(new OrderItem("o2", 1, "p3", 3, 0.0)), o2.getItems());
    assertEquals(OrderStatus.returned, day1.get("o5").getStatus());
    assertEquals(List.of(), day1.get("o5").getItems());
    assertEquals(25.0, total(day2.get("o6")));
    assertEquals(List.of(1, 2), day2.get("o6").getItems().stream().map(OrderItem::getLineNumber).toList());
    Order o8 = day2.get("o8");
    assertEquals(OrderStatus.placed, o8.getStatus(), "' PLACED ' trimmed and lower-cased");
    assertEquals("c8", o8.getCustomerId());
    assertNull(o8.getCountry(), "the file has no country column");
    assertEquals(List.of(new OrderItem("o8", 1, "p4", 1, 3.0)), o8.getItems());

    List<String> quarantined = new ArrayList<>();
    for (JsonNode q : jsonLines("out/quarantine")) {
      quarantined.add(q.get("reason").asText() + ":" + (q.get("field").isNull() ? "" : q.get("field").asText()));
      assertTrue(q.get("source").asText().matches(".*/(orders|order_items)-(aaaa|bbbb)\\.csv:\\d+"), q.toString());
      assertTrue(!q.get("record").asText().isEmpty() && !q.get("message").asText().isEmpty(), q.toString());
    }
    quarantined.sort(null);
    assertEquals(List.of("INVALID_TIMESTAMP:ordered_at", "INVALID_VALUE:quantity", "INVALID_VALUE:status",
        "INVALID_VALUE:unit_price", "MISSING_FIELD:product_id", "UNKNOWN_REFERENCE:order_id",
        "UNKNOWN_REFERENCE:order_id", "UNKNOWN_REFERENCE:order_id", "WRONG_COLUMN_COUNT:", "WRONG_TYPE:line_number",
        "WRONG_TYPE:unit_price"), quarantined);
    List<String> unknown = new ArrayList<>();
    for (JsonNode q : jsonLines("out/quarantine")) {
      if (q.get("reason").asText().equals("UNKNOWN_REFERENCE")) {
        unknown.add(q.get("record").asText());
      }
    }
    unknown.sort(null);
    assertEquals(List.of("o3,1,p8,1,2.00,2026-11-20T12:00:00Z", "o7,1,p3,1,1.00,2026-11-21T18:00:00Z",
        "o9,1,p7,1,4.00,2026-11-20T09:00:00Z"), unknown);

    List<String> duplicates = new ArrayList<>();
    for (JsonNode d : jsonLines("out/duplicates")) {
      assertEquals("DUPLICATE_ID", d.get("reason").asText());
      duplicates.add(d.get("field").asText() + ":" + d.get("record").asText());
    }
    duplicates.sort(null);
    assertEquals(List.of("line_number:o1,2,p9,1,5.25,2026-11-20T10:00:00Z",
        "order_id:o1,c9,2026-11-20T10:05:00Z,placed,EUR,DE"), duplicates);

    RecordProfile profile = new RecordProfile();
    List<String> profileLines = lines("out/profile");
    assertTrue(!profileLines.isEmpty());
    profileLines.forEach(line -> profile.merge(RecordProfile.fromJson(line)));
    assertEquals(24, profile.records());
    assertEquals(Map.of("INVALID_TIMESTAMP", Map.of("ordered_at", 1L),
        "INVALID_VALUE", Map.of("quantity", 1L, "status", 1L, "unit_price", 1L),
        "MISSING_FIELD", Map.of("product_id", 1L),
        "WRONG_COLUMN_COUNT", Map.of("-", 1L),
        "WRONG_TYPE", Map.of("line_number", 1L, "unit_price", 1L)), profile.rejects(),
        "map-side rejects only: unknown references are found by the reducer");
    assertEquals(Map.of("customer_id", 1L, "currency", 3L, "country", 3L, "product_id", 1L), profile.nulls());
    assertEquals(Map.of("placed", 4L, "cancelled", 1L, "returned", 1L), profile.distributions().get("status"),
        "good order rows, the duplicate o1 row included");
    assertEquals(Map.of("orders", 6L, "order_items", 10L), profile.distributions().get("row_kind"));
    assertEquals(Map.of("2026-11-20", 4L, "2026-11-21", 2L), profile.days());
    assertEquals(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli(), profile.minTime());
    assertEquals(Instant.parse("2026-11-21T09:00:00Z").toEpochMilli(), profile.maxTime());
  }

  @Test
  void partitionsAreTheExistingDatesAndTheCliRefusesARangeWithoutAny() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path transactions = rawZone(fs);
    assertEquals(List.of(), OrdersJob.partitions(fs, transactions, DAY1.minusDays(5), DAY1.minusDays(1)));
    assertEquals(List.of("dt=2026-11-21", "dt=2026-11-22"),
        OrdersJob.partitions(fs, transactions, DAY2, DAY2.plusDays(3)).stream().map(p -> p.getName()).toList());
    IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
        () -> OrdersJob.partitions(fs, transactions, DAY2, DAY1));
    assertEquals("--to 2026-11-20 is before --from 2026-11-21", backwards.getMessage());

    OrdersJob tool = new OrdersJob();
    tool.setConf(LocalJobs.configure(new Configuration(), dir.resolve("tmp")));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> tool.run(new String[] {
        "--raw", dir.resolve("raw").toUri().toString(), "--from", "2026-10-01", "--to", "2026-10-31",
        "--output", dir.resolve("out").toUri().toString()}));
    assertTrue(none.getMessage().startsWith("validate-orders: no transaction partitions under "), none.getMessage());
    assertTrue(none.getMessage().endsWith("for 2026-10-01 to 2026-10-31 (expected directories dt=YYYY-MM-DD)"),
        none.getMessage());
    assertThrows(IllegalArgumentException.class, () -> OrdersJob.createJob(new Configuration(), List.of(),
        new org.apache.hadoop.fs.Path(dir.resolve("out").toUri())));
  }

  @Test
  void theInputFilterTakesCommittedCsvFilesAndDirectoriesOnly() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path day1 = RawZone.datePartition(rawZone(fs), DAY1);
    CommittedFileFilter filter = new CommittedFileFilter();
    filter.setConf(new Configuration());
    assertTrue(filter.accept(day1));
    assertTrue(filter.accept(new org.apache.hadoop.fs.Path(day1, "orders-aaaa.csv")));
    assertTrue(!filter.accept(new org.apache.hadoop.fs.Path(day1, "orders-cccc.csv")), "no manifest");
    assertTrue(!filter.accept(new org.apache.hadoop.fs.Path(day1, "orders-aaaa.csv.manifest")));
    assertTrue(!filter.accept(new org.apache.hadoop.fs.Path(day1, "_orders-aaaa.csv.inprogress")));
  }

  private static double total(Order order) {
    return order.getItems().stream().mapToDouble(i -> i.getQuantity() * i.getUnitPrice()).sum();
  }

  private Map<String, Order> silver(String relative) throws Exception {
    Map<String, Order> orders = new TreeMap<>();
    for (File avro : files(dir.resolve(relative), ".avro")) {
      try (DataFileReader<Order> reader = new DataFileReader<>(avro, new SpecificDatumReader<>(Order.class))) {
        reader.forEach(o -> orders.put(o.getOrderId(), o));
      }
    }
    return orders;
  }

  private List<String> lines(String relative) throws Exception {
    List<String> lines = new ArrayList<>();
    for (File f : files(dir.resolve(relative), "")) {
      lines.addAll(Files.readAllLines(f.toPath()));
    }
    return lines;
  }

  private List<JsonNode> jsonLines(String relative) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : lines(relative)) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  private static List<File> files(Path dir, String suffix) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
          .filter(p -> p.toString().endsWith(suffix))
          .map(Path::toFile).toList();
    }
  }
}
