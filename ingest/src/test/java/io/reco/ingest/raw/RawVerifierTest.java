package io.reco.ingest.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawFiles;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawVerifierTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  java.nio.file.Path dir;
  private FileSystem fs;
  private RawZone zone;

  @BeforeEach
  void setUp() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
    zone = new RawZone(new Path(dir.toUri()));
  }

  private Path writeEvents(String name, int n) throws Exception {
    long t0 = Instant.parse("2026-11-21T13:05:00Z").toEpochMilli();
    Path file = new Path(zone.clickstreamHour(t0), name);
    try (RawFileWriter writer = RawFileWriter.create(fs, file)) {
      for (int i = 0; i < n; i++) {
        writer.write("{\"event_id\":\"e" + i + "\"}", t0 + i * 1000L);
      }
      Manifest manifest = writer.commit("clickstream", Map.of("topic", "t", "partition", 0), CLOCK);
      assertEquals(n, manifest.records());
      assertEquals("2026-11-21T13:05:00Z", manifest.minEventTime());
      assertEquals(Instant.ofEpochMilli(t0 + (n - 1) * 1000L).toString(), manifest.maxEventTime());
    }
    return file;
  }

  @Test
  void committedFilesVerifyAndCarryTheirManifest() throws Exception {
    Path plain = writeEvents("a.jsonl", 3);
    Path gz = writeEvents("b.jsonl.gz", 5);
    assertTrue(plain.toString().contains("dt=2026-11-21/hour=13"), plain.toString());
    Manifest manifest = Manifest.read(fs, Manifest.pathOf(gz));
    assertEquals("b.jsonl.gz", manifest.file());
    assertEquals(Map.of("partition", 0, "topic", "t"), manifest.source());
    assertEquals(fs.getFileStatus(gz).getLen(), manifest.bytes());
    try (GZIPInputStream in = new GZIPInputStream(fs.open(gz))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(5, text.lines().count());
    }
    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertTrue(report.ok(), report.findings().toString());
    assertEquals(2, report.verified());
    assertEquals(8, report.records());
  }

  @Test
  void reportsMissingCorruptedAndOrphanedFiles() throws Exception {
    Path corrupted = writeEvents("corrupted.jsonl", 3);
    Path missing = writeEvents("missing.jsonl", 3);
    Path orphan = writeEvents("orphan.jsonl", 3);
    writeEvents("fine.jsonl", 3);
    // same length, one byte changed
    byte[] bytes = Files.readAllBytes(java.nio.file.Path.of(corrupted.toUri()));
    bytes[3] = (byte) (bytes[3] == 'x' ? 'y' : 'x');
    Files.write(java.nio.file.Path.of(corrupted.toUri()), bytes);
    fs.delete(new Path(corrupted.getParent(), "." + corrupted.getName() + ".crc"), false);
    fs.delete(missing, false);
    fs.delete(Manifest.pathOf(orphan), false);
    RawFileWriter unfinished = RawFileWriter.create(fs, new Path(orphan.getParent(), "unfinished.jsonl"));
    unfinished.write("{}", 0L);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    VerifyRawTool tool = new VerifyRawTool(new PrintStream(printed, true, StandardCharsets.UTF_8));
    tool.setConf(new Configuration());
    int exit = tool.run(new String[] {"--root", zone.root().toString()});
    String out = printed.toString(StandardCharsets.UTF_8);

    assertEquals(1, exit, out);
    assertTrue(out.contains("CORRUPTED " + corrupted + ": MD5"), out);
    assertTrue(out.contains("MISSING " + missing), out);
    assertTrue(out.contains("ORPHANED " + orphan), out);
    assertTrue(out.contains("1 files verified (3 records), 1 missing, 1 corrupted, 1 orphaned, 0 overlapping, "
        + "1 in progress"), out);
    unfinished.abort();
    assertFalse(fs.exists(RawFiles.inProgress(unfinished.target())));
  }

  /** Commits {@code name} with {@code n} events as the file of a Kafka batch; the file holds offsets from..to. */
  private Path writeBatchFile(String name, int n, long batchFirst, long batchLast, long from, long to)
      throws Exception {
    long t0 = Instant.parse("2026-11-21T13:05:00Z").toEpochMilli();
    Path file = new Path(zone.clickstreamHour(t0), name);
    try (RawFileWriter writer = RawFileWriter.create(fs, file)) {
      for (int i = 0; i < n; i++) {
        writer.write("{\"event_id\":\"e" + i + "\"}", t0);
      }
      writer.commit("clickstream", Map.of("topic", "t", "partition", 0, "first_offset", from, "last_offset", to,
          "batch_first_offset", batchFirst, "batch_last_offset", batchLast), CLOCK);
    }
    return file;
  }

  /** Replaces a file's bytes and rewrites its manifest to match them, as a buggy writer would have. */
  private void rewriteWithMatchingManifest(Path file, byte[] bytes, long records) throws Exception {
    Files.write(java.nio.file.Path.of(file.toUri()), bytes);
    fs.delete(new Path(file.getParent(), "." + file.getName() + ".crc"), false);
    Manifest old = Manifest.read(fs, Manifest.pathOf(file));
    new Manifest(old.file(), RawVerifier.md5(fs, file), bytes.length, records, old.minEventTime(),
        old.maxEventTime(), old.kind(), old.source(), old.writtenAt()).writeBeside(fs, file);
  }

  @Test
  void twoBatchesOfAPartitionWithOverlappingOffsetsAreAFailure() throws Exception {
    writeBatchFile("t-0-00000000000000000000.jsonl", 3, 0, 99, 0, 99);
    Path again = writeBatchFile("t-0-00000000000000000050.jsonl", 3, 50, 149, 50, 149);
    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertEquals(1, report.count(RawVerifier.Problem.OVERLAP), report.findings().toString());
    assertEquals(again, report.findings().get(0).path());
    assertTrue(report.findings().get(0).detail().contains("t-0 offsets 50-149 were also landed by the batch 0-99"),
        report.findings().get(0).detail());
  }

  @Test
  void filesOfOneBatchMayInterleaveTheirOffsets() throws Exception {
    writeBatchFile("t-0-00000000000000000000.jsonl", 3, 0, 99, 0, 98);
    writeBatchFile("t-0-00000000000000000000.jsonl.gz", 3, 0, 99, 1, 99);
    writeBatchFile("t-0-00000000000000000100.jsonl", 3, 100, 199, 100, 199);
    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertTrue(report.ok(), report.findings().toString());
    assertEquals(3, report.verified());
  }

  @Test
  void aTruncatedGzipIsCorruptedEvenWhenItsManifestMatches() throws Exception {
    Path gz = writeEvents("b.jsonl.gz", 500);
    byte[] bytes = Files.readAllBytes(java.nio.file.Path.of(gz.toUri()));
    rewriteWithMatchingManifest(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2), 500);
    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertEquals(1, report.count(RawVerifier.Problem.CORRUPTED), report.findings().toString());
    assertTrue(report.findings().get(0).detail().startsWith("not a readable gzip file"),
        report.findings().get(0).detail());
  }

  @Test
  void aRecordCountOtherThanTheManifestsIsCorrupted() throws Exception {
    Path plain = writeEvents("a.jsonl", 3);
    rewriteWithMatchingManifest(plain, Files.readAllBytes(java.nio.file.Path.of(plain.toUri())), 4);
    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertEquals(1, report.count(RawVerifier.Problem.CORRUPTED), report.findings().toString());
    assertEquals("3 records, manifest says 4", report.findings().get(0).detail());
  }
}
