package io.reco.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.kafka.EmbeddedKafka;
import io.reco.records.raw.RawZone;
import io.reco.schema.ItemStatus;
import io.reco.schema.ModelRegistry;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.RowKeys;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import io.reco.serving.RecoServer;
import io.reco.testing.SharedHBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop's inventory changes on a real embedded Kafka broker, applied by the change consumer to the HBase
 * mini cluster, and the service's answers over real HTTP following them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeCaptureIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERSION = "v-changes";
  private static final String TOPIC = "shop.public.inventory";

  @TempDir
  static Path dir;
  private EmbeddedKafka kafka;
  private RecoServer server;
  private String base;
  private final ExecutorService background = Executors.newCachedThreadPool();

  @BeforeAll
  void start() throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    kafka.createTopic(TOPIC, 2);
    Connection hbase = SharedHBase.connection();
    ModelRegistry registry = new ModelRegistry(hbase);
    registry.register(VERSION, Instant.now());
    try (Table table = hbase.getTable(RecoTables.POPULAR.tableName())) {
      table.put(new Put(RowKeys.of(PopularLists.GLOBAL)).add(ScoredLists.cell(RecoTables.POPULAR,
          PopularLists.GLOBAL, VERSION, List.of(new ScoredItem("p1", 3.0), new ScoredItem("p2", 2.0),
              new ScoredItem("p3", 1.0)))));
    }
    registry.activate(VERSION);
    Configuration conf = SharedHBase.configuration();
    conf.setLong(RecoServer.MODEL_REFRESH_MS, 0);
    conf.setLong(RecoServer.ITEM_STATUS_REFRESH_MS, 200);
    server = RecoServer.start(conf, "127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  void stop() throws Exception {
    background.shutdownNow();
    server.close();
    kafka.close();
  }

  private String popular() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/popular")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    List<String> ids = new ArrayList<>();
    JSON.readTree(response.body()).get("items").forEach(item -> ids.add(item.get("id").asText()));
    return String.join(",", ids);
  }

  private static String change(String item, long lsn, int quantity) {
    return "{\"schema\":{},\"payload\":{\"before\":null,\"after\":{\"product_id\":\"" + item + "\",\"quantity\":"
        + quantity + "},\"source\":{\"connector\":\"postgresql\",\"table\":\"inventory\",\"lsn\":" + lsn + "},"
        + "\"op\":\"u\",\"ts_ms\":1764756000000}}";
  }

  private void send(String... values) throws Exception {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
             new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String value : values) {
        // keyed by the row, as Debezium keys them: one item's changes in one partition, in order
        String key = value.contains("p2") ? "p2" : "other";
        producer.send(new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8),
            value.isEmpty() ? null : value.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  private ChangeConsumer consumer(String group, long maxIdleMillis) throws Exception {
    Configuration conf = new Configuration();
    KafkaConsumer<byte[], byte[]> client = new KafkaConsumer<>(io.reco.ingest.clickstream.ClickstreamIngestTool
        .kafkaProperties(conf, kafka.bootstrapServers(), group), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    FileSystem fs = FileSystem.getLocal(conf);
    return new ChangeConsumer(client, SharedHBase.connection(), fs,
        new RawZone(fs.makeQualified(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()))),
        new ChangeConsumer.Settings(List.of(TOPIC), ItemChangeTest.FIELDS, maxIdleMillis), Clock.systemUTC());
  }

  @Test
  void aSellOutLeavesTheAnswersWithinAMinuteAndEveryMessageIsAccountedForOnce() throws Exception {
    assertEquals("p1,p2,p3", popular());
    ChangeConsumer running = consumer("reco-item-status", 0);
    Future<ChangeConsumer.Totals> totals = background.submit(running::run);
    long sent = System.nanoTime();
    send(change("p2", 100, 0));
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
        popular().equals("p1,p3"));
    long millis = (System.nanoTime() - sent) / 1_000_000;
    System.out.println("the sold-out item left the answers " + millis + " ms after its change was sent");
    assertTrue(millis < 60_000, "served without p2 after " + millis + " ms");
    // an older change (a replay, or one overtaken) does not undo the newer; a newer restock does; noise is
    // quarantined, a tombstone skipped
    send(change("p2", 50, 7), "{not json", "", change("p2", 200, 3));
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
        popular().equals("p1,p2,p3"));
    send(change("p2", 300, 0));
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
        popular().equals("p1,p3"));
    running.stop();
    ChangeConsumer.Totals done = totals.get();
    assertEquals(6, done.read(), done.toString());
    assertEquals(4, done.applied(), done.toString());
    assertEquals(1, done.tombstones(), done.toString());
    assertEquals(1, done.quarantined(), done.toString());
    assertTrue(done.reconciles());
    List<String> quarantined;
    try (Stream<Path> files = Files.walk(dir.resolve("raw").resolve("quarantine").resolve(ChangeConsumer.SOURCE))) {
      quarantined = new ArrayList<>();
      for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        Files.readAllLines(file).stream().filter(l -> l.contains("\"source\":\"" + TOPIC)).forEach(quarantined::add);
      }
    }
    assertEquals(1, quarantined.size(), quarantined.toString());
    JsonNode line = JSON.readTree(quarantined.get(0));
    assertEquals("MALFORMED_JSON", line.get("reason").asText());
    assertEquals("{not json", line.get("record").asText());
    assertTrue(line.get("source").asText().startsWith(TOPIC + "-"), line.toString());

    // every change applied again, from the start of the topic, as a consumer would after losing its offsets:
    // the state is the newest change's
    ChangeConsumer.Totals replay = consumer("reco-item-status-replay", 2_000).run();
    assertEquals(6, replay.read(), replay.toString());
    try (Table table = SharedHBase.connection().getTable(RecoTables.ITEM_STATUS.tableName())) {
      ItemStatus p2 = ItemStatus.from(table.get(ItemStatus.get("p2"))).orElseThrow();
      assertEquals(new ItemStatus(null, false, null, false, 300), p2);
    }
    // and the service, reading the status again, still answers without the sold-out item
    Awaitility.await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50)).until(() -> popular().equals("p1,p3"));
  }

  private static String customer(String op, String id, long lsn, String fields) {
    String row = "{\"customer_id\":\"" + id + "\"" + fields + "}";
    return "{\"payload\":{\"before\":" + ("d".equals(op) ? row : "null") + ",\"after\":" + ("d".equals(op) ? "null"
        : row) + ",\"source\":{\"connector\":\"postgresql\",\"table\":\"customers\",\"lsn\":" + lsn
        + ",\"ts_ms\":" + (System.currentTimeMillis() + lsn) + "},\"op\":\"" + op + "\"}}";
  }

  @Test
  void customerChangesLandHashedAndADeletedCustomerIsErasedFromTheNextSnapshot() throws Exception {
    String customers = "shop.public.customers";
    kafka.createTopic(customers, 1);
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
             new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String value : List.of(customer("c", "c1", 10, ",\"email\":\"Ann@Example.com\",\"segment\":\"vip\""),
          customer("c", "c2", 11, ",\"segment\":\"new\""), customer("d", "c2", 12, ""),
          customer("u", "c3", 13, ",\"location\":\"bob@example.com\""))) {
        producer.send(new ProducerRecord<>(customers, value.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    Configuration conf = new Configuration();
    KafkaConsumer<byte[], byte[]> client = new KafkaConsumer<>(io.reco.ingest.clickstream.ClickstreamIngestTool
        .kafkaProperties(conf, kafka.bootstrapServers(), "reco-customers"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    FileSystem fs = FileSystem.getLocal(conf);
    RawZone zone = new RawZone(fs.makeQualified(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri())));
    ChangeConsumer.Totals totals = new ChangeConsumer(client, SharedHBase.connection(), fs, zone,
        new ChangeConsumer.Settings(List.of(), ItemChangeTest.FIELDS, 3_000, List.of(customers),
            new io.reco.ingest.master.CustomerParser(new io.reco.ingest.master.EmailHasher(
                "a-key-of-sixteen-bytes-or-more".getBytes(StandardCharsets.UTF_8))), List.of()),
        Clock.systemUTC()).run();
    assertEquals(List.of(4L, 3L, 1L), List.of(totals.read(), totals.applied(), totals.quarantined()),
        totals.toString());

    List<String> journaled = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir.resolve("raw/changes/customers"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        journaled.addAll(Files.readAllLines(file));
        assertTrue(Files.exists(Path.of(file + ".manifest")), "committed with its manifest: " + file);
      }
    }
    assertEquals(3, journaled.size(), journaled.toString());
    assertTrue(journaled.stream().noneMatch(l -> l.contains("@")), "no address in the raw zone: " + journaled);
    assertTrue(journaled.get(0).contains("\"email_hash\":\""), journaled.get(0));
    String rejected;
    try (Stream<Path> files = Files.walk(dir.resolve("raw/quarantine/changes"))) {
      rejected = String.join("\n", files.filter(f -> f.toString().endsWith(".jsonl")).flatMap(f -> {
        try {
          return Files.readAllLines(f).stream();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).filter(l -> l.contains(customers)).toList());
    }
    assertTrue(rejected.contains("INVALID_VALUE") && rejected.contains("location"), rejected);
    assertFalse(rejected.contains("bob@example.com"), "the quarantine masks addresses: " + rejected);

    SnapshotMerge.Result merged = SnapshotMerge.merge(fs, zone, io.reco.ingest.master.MasterEntity.CUSTOMERS,
        java.time.LocalDate.now(java.time.ZoneOffset.UTC), Clock.systemUTC());
    assertEquals(List.of(1L, 1L), List.of(merged.rows(), merged.erased()), merged.toString());
    List<String> erased = Files.readAllLines(Path.of(new org.apache.hadoop.fs.Path(merged.snapshot(),
        RawZone.ERASED).toUri()));
    assertEquals(List.of("{\"customer_id\":\"c2\",\"erased\":true}"), erased);
  }

  @Test
  void orderChangesLandOnceAsTransactionFilesWithTheirSourcePositions() throws Exception {
    String orders = "shop.public.orders";
    String items = "shop.public.order_items";
    kafka.createTopic(orders, 1);
    kafka.createTopic(items, 1);
    String source = ",\"source\":{\"connector\":\"postgresql\",\"lsn\":";
    String placed = "{\"order_id\":\"o1\",\"customer_id\":\"c1\",\"ordered_at\":\"2026-11-20T10:00:00Z\","
        + "\"status\":\"placed\",\"currency\":\"EUR\",\"country\":null}";
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
             new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String value : List.of("{\"before\":null,\"after\":" + placed + source + "20},\"op\":\"c\"}",
          "{\"before\":" + placed + ",\"after\":" + placed.replace("placed", "returned") + source
              + "30},\"op\":\"u\"}",
          "{\"after\":{\"order_id\":\"o2\",\"status\":\"placed\"}" + source + "40},\"op\":\"c\"}")) {
        producer.send(new ProducerRecord<>(orders, value.getBytes(StandardCharsets.UTF_8)));
      }
      producer.send(new ProducerRecord<>(orders, new byte[0]));
      producer.send(new ProducerRecord<>(items, ("{\"after\":{\"order_id\":\"o1\",\"line_number\":1,"
          + "\"product_id\":\"p1\",\"quantity\":2,\"unit_price\":9.5}" + source + "21,\"ts_ms\":"
          + java.time.Instant.parse("2026-11-20T10:00:01Z").toEpochMilli() + "},\"op\":\"c\"}")
          .getBytes(StandardCharsets.UTF_8)));
      producer.flush();
    }
    Configuration conf = new Configuration();
    FileSystem fs = FileSystem.getLocal(conf);
    RawZone zone = new RawZone(fs.makeQualified(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri())));
    ChangeConsumer.Settings settings = new ChangeConsumer.Settings(List.of(), ItemChangeTest.FIELDS, 3_000,
        List.of(), null, List.of(orders, items));
    List<ChangeConsumer.Totals> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      KafkaConsumer<byte[], byte[]> client = new KafkaConsumer<>(io.reco.ingest.clickstream.ClickstreamIngestTool
          .kafkaProperties(conf, kafka.bootstrapServers(), "reco-orders"), new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
      runs.add(new ChangeConsumer(client, SharedHBase.connection(), fs, zone, settings, Clock.systemUTC()).run());
    }
    ChangeConsumer.Totals first = runs.get(0);
    assertEquals(List.of(5L, 3L, 1L, 1L), List.of(first.read(), first.applied(), first.tombstones(),
        first.quarantined()), first.toString());
    assertEquals(0, runs.get(1).read(), "the second run starts after the committed offsets");

    Path day = dir.resolve("raw/transactions/dt=2026-11-20");
    List<String> csv = new ArrayList<>();
    try (Stream<Path> files = Files.list(day)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
        assertTrue(Files.exists(Path.of(file + ".manifest")), "committed with its manifest: " + file);
        csv.add(file.getFileName() + ": " + String.join(" | ", Files.readAllLines(file)));
      }
    }
    assertEquals(List.of("order_items-" + items + "-0-0.csv: order_id,line_number,product_id,quantity,unit_price,"
        + "ordered_at,change_op,change_position | o1,1,p1,2,9.5,2026-11-20T10:00:01Z,c,21",
        "orders-" + orders + "-0-0.csv: order_id,customer_id,ordered_at,status,currency,country,change_op,"
            + "change_position | o1,c1,2026-11-20T10:00:00Z,placed,EUR,,c,20 | o1,c1,2026-11-20T10:00:00Z,returned,"
            + "EUR,,u,30"), csv);
  }
}
