package io.reco.ingest.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ingest.SharedHdfs;
import io.reco.ingest.clickstream.ClickstreamConsumer;
import io.reco.ingest.clickstream.ClickstreamIngestTool;
import io.reco.ingest.raw.RawVerifier;
import io.reco.ingest.transactions.TransactionsLanding;
import io.reco.kafka.EmbeddedKafka;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw-zone writers on a real HDFS (MiniDFSCluster), where rename does not replace and files become visible
 * only when closed: the same commits, manifests and verification as on the local file system.
 */
class RawZoneOnHdfsIT {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC);
  private static FileSystem fs;

  @BeforeAll
  static void startHdfs() throws Exception {
    fs = SharedHdfs.fileSystem();
  }

  @Test
  void writersCommitRewriteAndVerifyOnHdfs() throws Exception {
    RawZone zone = new RawZone(fs.makeQualified(new Path("/reco/raw-a")));
    Path file = new Path(zone.clickstreamHour(Instant.parse("2026-11-21T13:00:00Z").toEpochMilli()), "x.jsonl.gz");
    for (int round = 0; round < 2; round++) {
      try (RawFileWriter writer = RawFileWriter.create(fs, file)) {
        writer.write("{\"round\":" + round + "}", 1L);
        writer.commit("clickstream", Map.of("round", round), CLOCK);
      }
    }
    Path landing = new Path("/reco/landing");
    try (FSDataOutputStream out = fs.create(new Path(landing, "orders.csv"))) {
      out.write(("order_id,customer_id,ordered_at,status\no1,c1,2026-11-21 10:00:00,placed\n"
          + "o2,c2,yesterday,placed\n").getBytes(StandardCharsets.UTF_8));
    }
    TransactionsLanding landingIngest = new TransactionsLanding(fs, zone, new Path("/reco/archive"), CLOCK);
    TransactionsLanding.FileReport report = landingIngest.ingest(landing).get(0);
    assertEquals(1, report.written());
    assertEquals(1, report.quarantined());
    assertEquals(List.of(), landingIngest.ingest(landing));

    RawVerifier.Report verified = RawVerifier.verify(fs, zone.root());
    assertTrue(verified.ok(), verified.findings().toString());
    assertEquals(3, verified.verified());
    assertEquals(3, verified.records());
  }

  @Test
  void clickstreamConsumerLandsOnHdfs(@TempDir java.nio.file.Path kafkaDir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir)) {
      kafka.createTopic("hdfs-clicks", 2);
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
          new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 500; i++) {
          producer.send(new ProducerRecord<>("hdfs-clicks", "{\"event_id\":\"e" + i + "\",\"user_id\":\"u\","
              + "\"product_id\":\"p\",\"event_type\":\"click\",\"timestamp\":" + (1795219200000L + i * 60_000L)
              + ",\"session_id\":\"s\"}"));
        }
        producer.send(new ProducerRecord<>("hdfs-clicks", "garbage"));
      }
      Path raw = fs.makeQualified(new Path("/reco/raw-b"));
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      ClickstreamIngestTool tool = new ClickstreamIngestTool(new PrintStream(printed, true, StandardCharsets.UTF_8),
          ClickstreamConsumer.NONE);
      tool.setConf(fs.getConf());
      assertEquals(0, tool.run(new String[] {"--bootstrap-servers", kafka.bootstrapServers(), "--topic",
          "hdfs-clicks", "--raw", raw.toString(), "--batch-records", "100", "--max-idle-ms", "1500"}));
      String out = printed.toString(StandardCharsets.UTF_8);
      assertTrue(out.contains("501 messages read, 500 events written, 1 quarantined"), out);
      assertEquals(9, fs.globStatus(new Path(raw, "clickstream/dt=2026-11-21/hour=*")).length);
      RawVerifier.Report verified = RawVerifier.verify(fs, raw);
      assertTrue(verified.ok(), verified.findings().toString());
      assertEquals(501, verified.records());
    }
  }
}
