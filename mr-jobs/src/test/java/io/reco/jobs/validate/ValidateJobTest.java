package io.reco.jobs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.RawPartitions;
import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
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
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validation job on LocalJobRunner over committed raw files with broken and duplicated events. */
class ValidateJobTest {
  private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private static String event(String id, long time, String extra) {
    return "{\"event_id\":\"" + id + "\",\"user_id\":\"u1\",\"product_id\":\"p1\",\"event_type\":\"view\","
        + "\"timestamp\":" + time + ",\"session_id\":\"s1\"" + extra + "}";
  }

  private void commit(FileSystem fs, org.apache.hadoop.fs.Path file, List<String> lines) throws Exception {
    try (RawFileWriter writer = RawFileWriter.create(fs, file)) {
      for (String line : lines) {
        writer.write(line);
      }
      writer.commit("clickstream", Map.of("test", true), CLOCK);
    }
  }

  @Test
  void writesValidEventsBySilverDateQuarantinesTheRestAndCountsReconcile() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    commit(fs, new org.apache.hadoop.fs.Path(zone.clickstreamHour(T0), "a.jsonl"), List.of(
        event("e1", T0, ",\"price\":9.5,\"quantity\":2,\"rating\":4"),
        event("e2", T0 + 60_000, ""),
        event("e2", T0 + 60_000, ""),
        event("e3", T0 + 1000, ",\"rating\":7"),
        event("e4", T0 + 2000, ",\"price\":-1"),
        event("e5", Instant.parse("1989-12-31T23:00:00Z").toEpochMilli(), ""),
        event("e6", T0 + 3000, ",\"quantity\":0"),
        "{not json",
        ""));
    // the same id in a later hour, but with an earlier time: this copy is the one kept
    commit(fs, new org.apache.hadoop.fs.Path(zone.clickstreamHour(T0 + 3_600_000), "b.jsonl"), List.of(
        event("e2", T0 + 30_000, ",\"device_type\":\"tv\""),
        event("e7", T0 + 3_600_000, ""),
        event("e8", CLOCK.millis() + 7_200_000, ""),
        // the service's own impression: valid, set apart from the shop's events
        event("r1-1", T0 + 5000, ",\"metadata\":{\"request_id\":\"r1\"}").replace("\"view\"", "\"impression\"")));
    // a file without its manifest was never committed: not read
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(zone.clickstreamHour(T0), "c.jsonl"))) {
      out.write((event("e100", T0, "") + "\n").getBytes(StandardCharsets.UTF_8));
    }

    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setLong(EventRules.NOW, CLOCK.millis());
    LocalDate day = LocalDate.of(2026, 11, 20);
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(dir.resolve("out").toUri());
    Job job = Jobs.run(ValidateJob.createJob(conf,
        RawPartitions.between(fs, zone.clickstream(), day, day), output));
    ValidateJob.Result result = ValidateJob.check(job);

    assertEquals(13, result.linesRead(), "9 lines in a, 4 in b; c has no manifest");
    assertEquals(5, result.valid(), "e2 three times: repeats are clean's business");
    assertEquals(1, result.impressions());
    assertEquals(7, result.quarantined());
    assertEquals(Map.of(RejectReason.INVALID_VALUE, 3L, RejectReason.INVALID_TIMESTAMP, 2L,
        RejectReason.MALFORMED_JSON, 2L), result.reasons());

    List<InteractionEvent> silver = new ArrayList<>();
    for (File avro : files(dir.resolve("out/silver/dt=2026-11-20"), ".avro")) {
      try (DataFileReader<InteractionEvent> reader =
               new DataFileReader<>(avro, new SpecificDatumReader<>(InteractionEvent.class))) {
        reader.forEach(silver::add);
      }
    }
    assertEquals(List.of("e1", "e2", "e2", "e2", "e7"), silver.stream().map(InteractionEvent::getEventId).sorted()
        .toList());
    List<InteractionEvent> impressions = new ArrayList<>();
    for (File avro : files(dir.resolve("out/impressions/dt=2026-11-20"), ".avro")) {
      try (DataFileReader<InteractionEvent> reader =
               new DataFileReader<>(avro, new SpecificDatumReader<>(InteractionEvent.class))) {
        reader.forEach(impressions::add);
      }
    }
    assertEquals(List.of("r1-1"), impressions.stream().map(InteractionEvent::getEventId).toList());
    assertEquals("r1", impressions.get(0).getMetadata().get("request_id"));
    InteractionEvent e1 = silver.stream().filter(e -> e.getEventId().equals("e1")).findFirst().orElseThrow();
    assertEquals(9.5, e1.getPrice());
    assertEquals(4.0f, e1.getRating());
    assertTrue(silver.stream().anyMatch(e -> "tv".equals(e.getDeviceType()) && e.getTimestamp() == T0 + 30_000));

    ObjectMapper json = new ObjectMapper();
    List<String> quarantined = new ArrayList<>();
    for (File f : files(dir.resolve("out/quarantine"), "")) {
      for (String line : Files.readAllLines(f.toPath())) {
        JsonNode q = json.readTree(line);
        quarantined.add(q.get("reason").asText() + ":" + (q.get("field").isNull() ? "" : q.get("field").asText()));
        assertTrue(q.get("source").asText().matches(".*/(a|b)\\.jsonl:\\d+"), line);
      }
    }
    quarantined.sort(null);
    assertEquals(List.of("INVALID_TIMESTAMP:timestamp", "INVALID_TIMESTAMP:timestamp", "INVALID_VALUE:price",
        "INVALID_VALUE:quantity", "INVALID_VALUE:rating", "MALFORMED_JSON:", "MALFORMED_JSON:"), quarantined);
  }

  @Test
  void rulesNameTheFieldAtFault() throws Exception {
    EventRules.Window rules = new EventRules.Window(0L, 100L);
    InteractionEvent ok = InteractionEvent.newBuilder().setEventId("e").setUserId("u").setProductId("p")
        .setEventType(io.reco.records.avro.EventType.view).setTimestamp(50L).setSessionId("s").build();
    rules.check(ok);
    InvalidRecordException late = assertThrows(InvalidRecordException.class,
        () -> rules.check(InteractionEvent.newBuilder(ok).setTimestamp(101L).build()));
    assertEquals("timestamp", late.field());
    InvalidRecordException rating = assertThrows(InvalidRecordException.class,
        () -> rules.check(InteractionEvent.newBuilder(ok).setRating(0.25f).build()));
    assertEquals("rating", rating.field());
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
