package io.reco.ingest.clickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.ingest.raw.RawVerifier;
import io.reco.kafka.EmbeddedKafka;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFiles;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickstreamConsumerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedKafka kafka;

  @TempDir
  java.nio.file.Path dir;

  @BeforeAll
  static void startKafka(@TempDir java.nio.file.Path kafkaDir) throws Exception {
    kafka = EmbeddedKafka.start(kafkaDir);
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  private String run(String topic, Path raw, String... extra) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ClickstreamIngestTool tool = new ClickstreamIngestTool(
        new PrintStream(printed, true, StandardCharsets.UTF_8), ClickstreamConsumer.NONE);
    tool.setConf(new Configuration());
    List<String> args = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic,
        "--raw", raw.toString(), "--batch-records", "500", "--max-idle-ms", "1500"));
    args.addAll(List.of(extra));
    assertEquals(0, tool.run(args.toArray(String[]::new)));
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void landsEveryEventOnceByEventHourAndQuarantinesTheRest() throws Exception {
    kafka.createTopic("clicks", 3);
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      values.add(ClickstreamFixture.event(i, 4).getBytes(StandardCharsets.UTF_8));
    }
    values.add("{not json".getBytes(StandardCharsets.UTF_8));
    values.add("{\"event_id\":\"x1\",\"product_id\":\"p\",\"event_type\":\"view\",\"timestamp\":1764000000000,"
        .concat("\"session_id\":\"s\"}").getBytes(StandardCharsets.UTF_8));
    values.add(ClickstreamFixture.event(3001, 1).replace("\"view\"", "\"hover\"").getBytes(StandardCharsets.UTF_8));
    values.add(ClickstreamFixture.event(3002, 1).replaceAll("\"timestamp\":\\d+", "\"timestamp\":5")
        .getBytes(StandardCharsets.UTF_8));
    values.add(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
    values.add(new byte[0]);
    // valid, but spread over lines: kept as one canonical line
    values.add(ClickstreamFixture.event(3003, 1).replace(",", ",\n").getBytes(StandardCharsets.UTF_8));
    ClickstreamFixture.produce(kafka.bootstrapServers(), "clicks", values);

    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = new RawZone(new Path(dir.toUri()));
    String out = run("clicks", zone.root(), "--gzip", "true");
    assertTrue(out.contains("3007 messages read, 3001 events written, 6 quarantined"), out);

    List<String> lines = ClickstreamFixture.committedLines(fs, zone.clickstream());
    assertEquals(3001, lines.size());
    Set<String> ids = lines.stream().map(ClickstreamFixture::eventId).collect(Collectors.toSet());
    assertEquals(3001, ids.size());
    assertTrue(ids.contains("e0") && ids.contains("e2999") && ids.contains("e3003"));

    Map<String, Integer> perHour = new TreeMap<>();
    for (FileStatus hour : fs.globStatus(new Path(zone.clickstream(), "dt=*/hour=*"))) {
      perHour.put(hour.getPath().getParent().getName() + "/" + hour.getPath().getName(),
          ClickstreamFixture.committedLines(fs, hour.getPath()).size());
    }
    assertEquals(Map.of("dt=2026-11-20/hour=10", 751, "dt=2026-11-20/hour=11", 750, "dt=2026-11-20/hour=12", 750,
        "dt=2026-11-20/hour=13", 750), perHour);

    FileStatus[] manifests = fs.globStatus(new Path(zone.clickstream(), "dt=*/hour=*/clicks-*.jsonl.gz.manifest"));
    Manifest manifest = Manifest.read(fs, manifests[0].getPath());
    assertEquals("clicks", manifest.source().get("topic"));
    assertTrue(manifest.minEventTime().startsWith("2026-11-20T1"), manifest.minEventTime());
    assertTrue((Integer) manifest.source().get("last_offset") >= (Integer) manifest.source().get("first_offset"));

    List<String> rejects = ClickstreamFixture.committedLines(fs, new Path(zone.root(), "quarantine/clickstream"));
    Map<String, Long> byReason = new TreeMap<>();
    Set<String> sources = new HashSet<>();
    for (String line : rejects) {
      JsonNode node = JSON.readTree(line);
      byReason.merge(node.get("reason").asText(), 1L, Long::sum);
      sources.add(node.get("source").asText());
      assertTrue(node.get("source").asText().matches("clicks-[0-2]@\\d+"), line);
    }
    assertEquals(Map.of("MALFORMED_JSON", 2L, "INVALID_ENCODING", 1L, "MISSING_FIELD", 1L, "UNKNOWN_EVENT_TYPE", 1L,
        "INVALID_TIMESTAMP", 1L), byReason);
    assertTrue(rejects.stream().anyMatch(r -> r.contains("\"record_base64\":\"//57fQ==\"")),
        "the bytes that are not UTF-8 are kept exactly");
    assertEquals(6, sources.size());

    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertTrue(report.ok(), report.findings().toString());
    assertEquals(3007, report.records());
    assertEquals(0, report.inProgress());

    // a second run finds nothing new and writes nothing
    String again = run("clicks", zone.root());
    assertTrue(again.contains("0 messages read, 0 events written, 0 quarantined"), again);
    assertEquals(3001, ClickstreamFixture.committedLines(fs, zone.clickstream()).size());
    assertEquals(0, fs.globStatus(new Path(zone.clickstream(), "dt=*/hour=*/" + "_*" + RawFiles.IN_PROGRESS)).length);
  }
}
