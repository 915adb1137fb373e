package io.reco.jobs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.RawFileInputFormat;
import io.reco.jobs.common.RawFileVerdicts;
import io.reco.jobs.common.RawPartitions;
import io.reco.records.EventRules;
import io.reco.records.RejectReason;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.FileProblem;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files checked against their manifests as validate reads them: a file that disagrees is quarantined whole, its
 * records reach neither silver nor the record quarantine, and every file has its verdict in {@code files/}.
 */
class RawFileVerdictsTest {
  private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @TempDir
  Path dir;
  private FileSystem fs;
  private RawZone zone;

  @BeforeEach
  void goodFile() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
    zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    commit("good.jsonl", List.of(event("g1"), event("g2")));
  }

  private static String event(String id) {
    return "{\"event_id\":\"" + id + "\",\"user_id\":\"u1\",\"product_id\":\"p1\",\"event_type\":\"view\","
        + "\"timestamp\":" + T0 + ",\"session_id\":\"s1\"}";
  }

  private org.apache.hadoop.fs.Path file(String name) {
    return new org.apache.hadoop.fs.Path(zone.clickstreamHour(T0), name);
  }

  private Manifest commit(String name, List<String> lines) throws Exception {
    try (RawFileWriter writer = RawFileWriter.create(fs, file(name))) {
      for (String line : lines) {
        writer.write(line);
      }
      return writer.commit("clickstream", Map.of("test", true), CLOCK);
    }
  }

  private Path local(String name) {
    return Path.of(file(name).toUri());
  }

  private ValidateJob.Result validate(Configuration conf) throws Exception {
    conf.setLong(EventRules.NOW, CLOCK.millis());
    return ValidateJob.check(Jobs.run(ValidateJob.createJob(conf, RawPartitions.between(fs, zone.clickstream(), DAY,
        DAY), new org.apache.hadoop.fs.Path(dir.resolve("out").toUri()))));
  }

  private ValidateJob.Result validate() throws Exception {
    return validate(LocalJobs.configure(new Configuration(), dir.resolve("tmp")));
  }

  private List<String> silverIds() throws Exception {
    List<String> ids = new ArrayList<>();
    for (File avro : files(dir.resolve("out/silver/dt=2026-11-20"))) {
      try (DataFileReader<InteractionEvent> reader =
               new DataFileReader<>(avro, new SpecificDatumReader<>(InteractionEvent.class))) {
        reader.forEach(e -> ids.add(e.getEventId()));
      }
    }
    ids.sort(null);
    return ids;
  }

  private JsonNode verdict(String name) throws Exception {
    for (File f : files(dir.resolve("out/files"))) {
      for (String line : Files.readAllLines(f.toPath())) {
        JsonNode v = RawFileVerdicts.parse(line);
        if (v.get("file").asText().endsWith("/" + name)) {
          return v;
        }
      }
    }
    throw new AssertionError("no verdict for " + name);
  }

  private static List<File> files(Path d) throws Exception {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part")).sorted().map(Path::toFile).toList();
    }
  }

  @Test
  void aFileChangedAfterItsCommitIsQuarantinedWholeAndTheOthersAreRead() throws Exception {
    commit("tampered.jsonl", List.of(event("t1"), event("t2")));
    String text = Files.readString(local("tampered.jsonl")).replace("\"u1\"", "\"u9\"");
    Files.writeString(local("tampered.jsonl"), text);

    ValidateJob.Result result = validate();
    assertEquals(new ValidateJob.Result(4, 2, 0, 0, 1, 2, Map.of(), Map.of(FileProblem.CHECKSUM_MISMATCH, 1L)),
        result);
    assertEquals(List.of("g1", "g2"), silverIds());
    JsonNode v = verdict("tampered.jsonl");
    assertEquals("CHECKSUM_MISMATCH", v.get("status").asText());
    assertTrue(v.get("fails").asBoolean());
    assertTrue(v.get("detail").asText().contains("its manifest says"), v.get("detail").asText());
    assertEquals("read", verdict("good.jsonl").get("status").asText());
    assertEquals(2, verdict("good.jsonl").get("kept").asLong());
  }

  @Test
  void aFileWithMoreLinesThanItsManifestSaysIsACountMismatch() throws Exception {
    Manifest m = commit("short.jsonl", List.of(event("s1"), event("s2")));
    new Manifest(m.file(), m.md5(), m.bytes(), 1, m.minEventTime(), m.maxEventTime(), m.kind(), m.source(),
        m.writtenAt()).writeBeside(fs, file("short.jsonl"));

    ValidateJob.Result result = validate();
    assertEquals(Map.of(FileProblem.COUNT_MISMATCH, 1L), result.fileProblems());
    assertEquals("holds 2 records; its manifest says 1", verdict("short.jsonl").get("detail").asText());
    assertEquals(List.of("g1", "g2"), silverIds());
  }

  @Test
  void aTruncatedManifestQuarantinesItsFileAndStopsNothing() throws Exception {
    commit("cut.jsonl", List.of(event("c1")));
    Path manifest = local("cut.jsonl.manifest");
    Files.writeString(manifest, Files.readString(manifest).substring(0, 30));

    ValidateJob.Result result = validate();
    assertEquals(Map.of(FileProblem.BAD_MANIFEST, 1L), result.fileProblems());
    assertEquals(2, result.linesRead(), "the cut file's lines are not read: nothing says what it should hold");
    assertEquals(-1, verdict("cut.jsonl").get("manifest_records").asLong());
    assertEquals(List.of("g1", "g2"), silverIds());
  }

  @Test
  void aCorruptGzipFileWhoseManifestMatchesItsBytesIsUnreadable() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      lines.add(event("z" + i));
    }
    Manifest m = commit("broken.jsonl.gz", lines);
    byte[] bytes = Files.readAllBytes(local("broken.jsonl.gz"));
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(local("broken.jsonl.gz"), bytes);
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    new Manifest(m.file(), md5, bytes.length, m.records(), m.minEventTime(), m.maxEventTime(), m.kind(), m.source(),
        m.writtenAt()).writeBeside(fs, file("broken.jsonl.gz"));

    ValidateJob.Result result = validate();
    assertEquals(Map.of(FileProblem.UNREADABLE, 1L), result.fileProblems());
    assertTrue(verdict("broken.jsonl.gz").get("detail").asText().startsWith("unreadable after "),
        verdict("broken.jsonl.gz").get("detail").asText());
    assertEquals(List.of("g1", "g2"), silverIds());
  }

  @Test
  void aLinePastTheLengthBoundIsQuarantinedWithItsFirstKilobyte() throws Exception {
    String huge = event("h1").replace("\"s1\"", "\"" + "x".repeat(5000) + "\"");
    commit("long.jsonl", List.of(huge, event("h2")));
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setInt(RawFileInputFormat.MAX_LINE_BYTES, 1024);

    ValidateJob.Result result = validate(conf);
    assertEquals(Map.of(RejectReason.LIMIT_EXCEEDED, 1L), result.reasons());
    assertEquals(List.of("g1", "g2", "h2"), silverIds());
    String entry = Files.readString(files(dir.resolve("out/quarantine")).get(0).toPath(), StandardCharsets.UTF_8);
    assertTrue(entry.contains("line longer than 1024 bytes (reco.raw.max-line-bytes)"), entry);
    assertTrue(entry.length() < 2000, "the entry keeps the first kilobyte, not the line");
  }
}
