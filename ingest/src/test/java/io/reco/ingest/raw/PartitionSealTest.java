package io.reco.ingest.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A day of the clickstream sealed once it is over, its files committed and Flume's closed ones given manifests. */
class PartitionSealTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final Duration LATENESS = Duration.ofHours(1);
  private static final Clock AFTER = Clock.fixed(Instant.parse("2026-11-21T01:30:00Z"), ZoneOffset.UTC);

  @TempDir
  java.nio.file.Path dir;

  private static void text(FileSystem fs, Path file, String content) throws Exception {
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aDayIsSealedOnlyWhenOverAndClosedAndFlumesFilesGetTheirManifests() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = new RawZone(new Path(dir.resolve("raw").toUri()));
    Path day = RawZone.datePartition(zone.clickstream(), DAY);
    Path hour = RawZone.hourPartition(zone.clickstream(), DAY, 10);
    try (RawFileWriter writer = RawFileWriter.create(fs, new Path(hour, "clickstream-0-0.jsonl"))) {
      writer.write("{\"a\":1}");
      writer.write("{\"a\":2}");
      writer.commit("clickstream", Map.of("topic", "t"), AFTER);
    }
    // what a Flume HDFS sink leaves: one closed file, one still open under its in-use prefix and suffix
    Path flume = RawZone.hourPartition(zone.clickstream(), DAY, 23);
    text(fs, new Path(flume, "FlumeData.1763679600000.jsonl"), "{\"b\":1}\n{\"b\":2}\n{\"b\":3}\n");
    Path open = new Path(flume, "_FlumeData.1763681400000.jsonl.tmp");
    text(fs, open, "{\"b\":4}\n");

    PartitionSeal.Result early = PartitionSeal.seal(fs, day, DAY, "clickstream", true, LATENESS,
        Clock.fixed(Instant.parse("2026-11-21T00:30:00Z"), ZoneOffset.UTC));
    assertFalse(early.sealed());
    assertEquals(1, early.manifestsWritten(), "the closed Flume file has its manifest at once");
    assertEquals("1 file(s) still being written", early.why());
    Manifest written = Manifest.read(fs, Manifest.pathOf(new Path(flume, "FlumeData.1763679600000.jsonl")));
    assertEquals(3, written.records());
    assertEquals(RawVerifier.md5(fs, new Path(flume, "FlumeData.1763679600000.jsonl")), written.md5());
    assertEquals("clickstream", written.kind());

    fs.rename(open, new Path(flume, "FlumeData.1763681400000.jsonl"));
    PartitionSeal.Result closedButEarly = PartitionSeal.seal(fs, day, DAY, "clickstream", true, LATENESS,
        Clock.fixed(Instant.parse("2026-11-21T00:30:00Z"), ZoneOffset.UTC));
    assertFalse(closedButEarly.sealed());
    assertTrue(closedButEarly.why().contains("2026-11-21T01:00:00Z"), closedButEarly.why());
    assertFalse(fs.exists(new Path(day, PartitionSeal.FLAG)));

    PartitionSeal.Result sealed = PartitionSeal.seal(fs, day, DAY, "clickstream", true, LATENESS, AFTER);
    assertTrue(sealed.sealed(), sealed.toString());
    assertEquals(java.util.List.of(3L, 6L), java.util.List.of(sealed.files(), sealed.records()));
    JsonNode flag = new ObjectMapper().readTree(Files.readString(java.nio.file.Path.of(
        new Path(day, PartitionSeal.FLAG).toUri())));
    assertEquals("2026-11-20", flag.path("date").asText());
    assertEquals(6, flag.path("records").asLong());
    assertTrue(RawVerifier.verify(fs, day).ok(), "the flag is no data file");
  }

  @Test
  void aFileThatDisagreesWithItsManifestKeepsTheDayOpenAndNamesTheFile() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = new RawZone(new Path(dir.resolve("raw").toUri()));
    Path hour = RawZone.hourPartition(zone.clickstream(), DAY, 3);
    Path file = new Path(hour, "clickstream-0-0.jsonl");
    try (RawFileWriter writer = RawFileWriter.create(fs, file)) {
      writer.write("{\"a\":1}");
      writer.commit("clickstream", Map.of("topic", "t"), AFTER);
    }
    text(fs, file, "{\"a\":9}\n");
    fs.delete(new Path(hour, "." + file.getName() + ".crc"), false);
    PartitionSeal.Result result = PartitionSeal.seal(fs, RawZone.datePartition(zone.clickstream(), DAY), DAY,
        "clickstream", false, LATENESS, AFTER);
    assertFalse(result.sealed());
    assertEquals(1, result.findings().size());
    assertEquals(RawVerifier.Problem.CORRUPTED, result.findings().get(0).problem());
    assertTrue(result.why().contains("clickstream-0-0.jsonl"), result.why());
  }
}
