package io.reco.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.RawFileInputFormat;
import io.reco.quality.Check;
import io.reco.quality.Count;
import io.reco.quality.QualityReport;
import io.reco.quality.RawFile;
import io.reco.quality.Stage;
import io.reco.quality.Status;
import io.reco.records.EventRules;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bronze to silver over a raw zone of every hostile kind, one record of each beside good ones, and every kind of
 * broken file: no record or file stops the run, each record ends where its kind belongs, and the counts reconcile
 * with the files quarantined whole accounted for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRawZoneTest {
  private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final String SILVER = "silver";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  private FileSystem fs;
  private RawZone zone;
  /** Expected fate of each record, by its marker: the event_id where it parses, else the line's offset. */
  private final Map<String, String> expected = new LinkedHashMap<>();
  private final Map<String, String> actual = new HashMap<>();
  private QualityReport report;
  private Path run;

  private static String event(String id, String user, String product, String type, long time, String extra) {
    return "{\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"product_id\":\"" + product
        + "\",\"event_type\":\"" + type + "\",\"timestamp\":" + time + ",\"session_id\":\"s\"" + extra + "}";
  }

  private static String good(String id) {
    return event(id, "u1", "p1", "view", T0 + Integer.parseInt(id.substring(1)) * 10_000L, "");
  }

  /** The hostile and good lines of one file, each with where it must end. */
  private final List<byte[]> lines = new ArrayList<>();
  private final List<String> fates = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();

  private void line(String fate, String id, String text) {
    line(fate, id, text.getBytes(StandardCharsets.UTF_8));
  }

  private void line(String fate, String id, byte[] bytes) {
    lines.add(bytes);
    fates.add(fate);
    ids.add(id);
  }

  private static byte[] withBytes(String before, byte[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private void hostileLines() {
    for (int i = 1; i <= 5; i++) {
      line(SILVER, "g" + i, good("g" + i));
    }
    line(SILVER, "price", event("price", "u2", "p1", "purchase", T0, ",\"price\":19.99,\"quantity\":2"));
    line("LIMIT_EXCEEDED", null, event("deep", "u2", "p1", "view", T0, ",\"metadata\":{\"k\":"
        + "[".repeat(5000) + "]".repeat(5000) + "}"));
    line("LIMIT_EXCEEDED", null, "{\"event_id\":\"deep2\",\"user_id\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
    line("LIMIT_EXCEEDED", null, event("bignum", "u2", "p1", "view", T0, ",\"price\":1" + "0".repeat(20_000)));
    line("LIMIT_EXCEEDED", null, event("x".repeat(1000), "u2", "p1", "view", T0, ""));
    line("LIMIT_EXCEEDED", null, event("longline", "u2", "p1", "view", T0, ",\"referrer\":\""
        + "r".repeat(70_000) + "\""));
    line("MALFORMED_JSON", null, good("g6") + " trailing");
    line("MALFORMED_JSON", null, good("g7") + good("g8"));
    line("MALFORMED_JSON", null, event("nan", "u2", "p1", "view", T0, ",\"price\":NaN"));
    line("MALFORMED_JSON", null, "");
    line("MALFORMED_JSON", null, "[1,2,3]");
    line("MALFORMED_JSON", null, "{\"event_id\":\"cut\",\"user_id\":");
    line("DUPLICATE_KEY", null, event("dupkey", "u2", "p1", "view", T0, ",\"user_id\":\"u1\""));
    line("INVALID_ENCODING", null, withBytes("{\"event_id\":\"overlong\",\"user_id\":\"",
        new byte[] {(byte) 0xC0, (byte) 0xAF}, "\",\"product_id\":\"p1\",\"event_type\":\"view\",\"timestamp\":"
            + T0 + ",\"session_id\":\"s\"}"));
    line("INVALID_ENCODING", null, withBytes("{\"event_id\":\"cesu\",\"user_id\":\"",
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80},
        "\",\"product_id\":\"p1\",\"event_type\":\"view\",\"timestamp\":" + T0 + ",\"session_id\":\"s\"}"));
    line("MISSING_FIELD", null, event("nbsp", "\u00a0\u00a0", "p1", "view", T0, ""));
    line("MISSING_FIELD", null, event("ideo", "\u3000", "p1", "view", T0, ""));
    line("MISSING_FIELD", null, "{\"event_id\":\"null\",\"user_id\":null,\"product_id\":\"p1\",\"event_type\":"
        + "\"view\",\"timestamp\":" + T0 + ",\"session_id\":\"s\"}");
    line("INVALID_ID", null, event("bidi", "u1\u202e", "p1", "view", T0, ""));
    line("INVALID_ID", null, event("zw", "u\u200b1", "p1", "view", T0, ""));
    line("INVALID_ID", null, event("ctl", "u1\\u0001", "p1", "view", T0, ""));
    line("INVALID_ID", null, event("fffd", "\ufffd\ufffd", "p1", "view", T0, ""));
    line("INVALID_VALUE", null, event("p308", "u2", "p1", "view", T0, ",\"price\":1e308"));
    line("INVALID_VALUE", null, event("p400", "u2", "p1", "view", T0, ",\"price\":1e400"));
    line("INVALID_VALUE", null, event("neg", "u2", "p1", "view", T0, ",\"price\":-1"));
    line("INVALID_VALUE", null, event("q0", "u2", "p1", "view", T0, ",\"quantity\":0"));
    line("INVALID_VALUE", null, event("r0", "u2", "p1", "view", T0, ",\"rating\":0"));
    line("INVALID_VALUE", null, event("r6", "u2", "p1", "view", T0, ",\"rating\":6"));
    line("INVALID_TIMESTAMP", null, event("secs", "u2", "p1", "view", T0 / 1000, ""));
    line("INVALID_TIMESTAMP", null, event("future", "u2", "p1", "view", CLOCK.millis() + 86_400_000L, ""));
    line("INVALID_TIMESTAMP", null, event("old", "u2", "p1", "view", 0, ""));
    line("WRONG_TYPE", null, event("wt", "u2", "p1", "view", T0, ",\"quantity\":\"two\""));
    line("UNKNOWN_EVENT_TYPE", null, event("like", "u2", "p1", "like", T0, ""));
    line("DUPLICATE_ID", "g1", good("g1"));
    line("CONFLICTING_ID", "cx", event("cx", "u6", "p1", "view", T0, ""));
    line("CONFLICTING_ID", "cx", event("cx", "u7", "p1", "purchase", T0, ""));
    line(SILVER, "n1", event("n1", "u5", "p3", "view", T0 + 500_000, ""));
    line("NEAR_DUPLICATE", "n2", event("n2", "u5", "p3", "view", T0 + 500_300, ""));
    for (int i = 0; i < 25; i++) {
      line("BOT", "b" + i, event("b" + i, "bot", "p1", "view", T0 + 900_000 + i * 200L, ""));
    }
    line("UNKNOWN_REFERENCE", "unk", event("unk", "u2", "p404", "view", T0 + 5, ""));
    line("INACTIVE", "ina", event("ina", "u2", "p2", "view", T0 + 6, ""));
  }

  private org.apache.hadoop.fs.Path hourFile(int hour, String name) {
    return new org.apache.hadoop.fs.Path(RawZone.hourPartition(zone.clickstream(), DAY, hour), name);
  }

  private Manifest commit(org.apache.hadoop.fs.Path file, List<byte[]> records) throws Exception {
    try (RawFileWriter writer = RawFileWriter.create(fs, file)) {
      for (byte[] r : records) {
        writer.writeRecordBytes(withBytes("", r, "\n"), T0);
      }
      return writer.commit("clickstream", Map.of("test", true), CLOCK);
    }
  }

  private Path local(org.apache.hadoop.fs.Path p) {
    return Path.of(p.toUri());
  }

  /** Changes a committed file's bytes as a disk or a hand would, below the file system's own checksums. */
  private void overwrite(org.apache.hadoop.fs.Path p, byte[] bytes) throws Exception {
    Files.write(local(p), bytes);
    Files.deleteIfExists(local(p).resolveSibling("." + p.getName() + ".crc"));
  }

  private void brokenFiles() throws Exception {
    List<byte[]> two = List.of(good("g901").getBytes(StandardCharsets.UTF_8),
        good("g902").getBytes(StandardCharsets.UTF_8));
    org.apache.hadoop.fs.Path tampered = hourFile(11, "tampered.jsonl");
    commit(tampered, two);
    overwrite(tampered, Files.readString(local(tampered)).replace("u1", "u2").getBytes(StandardCharsets.UTF_8));
    org.apache.hadoop.fs.Path counted = hourFile(11, "counted.jsonl");
    Manifest m = commit(counted, two);
    new Manifest(m.file(), m.md5(), m.bytes(), 3, null, null, m.kind(), m.source(), m.writtenAt())
        .writeBeside(fs, counted);
    org.apache.hadoop.fs.Path cut = hourFile(11, "cut.jsonl");
    commit(cut, two);
    overwrite(Manifest.pathOf(cut), Files.readString(local(Manifest.pathOf(cut))).substring(0, 20)
        .getBytes(StandardCharsets.UTF_8));
    org.apache.hadoop.fs.Path gz = hourFile(12, "broken.jsonl.gz");
    List<byte[]> many = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      many.add(event("z" + i, "u" + i, "p1", "view", T0, "").getBytes(StandardCharsets.UTF_8));
    }
    Manifest g = commit(gz, many);
    byte[] bytes = Files.readAllBytes(local(gz));
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      bytes[i] ^= 0x5a;
    }
    overwrite(gz, bytes);
    new Manifest(g.file(), HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)), bytes.length,
        g.records(), null, null, g.kind(), g.source(), g.writtenAt()).writeBeside(fs, gz);
    Files.writeString(local(hourFile(12, "other.ndjson")), good("g903") + "\n");
    Files.writeString(local(hourFile(12, "uncommitted.jsonl")), good("g904") + "\n");
    Files.createDirectories(local(hourFile(12, "nested")));
    Files.createDirectories(local(RawZone.datePartition(zone.clickstream(), DAY)).resolve("hour=7"));
  }

  private void snapshot(String entity, List<String> rows) throws Exception {
    org.apache.hadoop.fs.Path snapshot = zone.snapshot(entity, DAY);
    try (RawFileWriter writer = RawFileWriter.create(fs, new org.apache.hadoop.fs.Path(snapshot, entity + ".jsonl"))) {
      for (String row : rows) {
        writer.write(row);
      }
      writer.commit(entity, Map.of("test", true), CLOCK);
    }
    zone.publishLatest(fs, entity, snapshot);
  }

  @BeforeAll
  void runOverTheHostileZone() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
    zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    hostileLines();
    org.apache.hadoop.fs.Path hostile = hourFile(10, "hostile.jsonl");
    commit(hostile, lines);
    long offset = 0;
    for (int i = 0; i < lines.size(); i++) {
      expected.put(ids.get(i) != null ? ids.get(i) + "#" + fates.get(i) : hostile + ":" + offset, fates.get(i));
      offset += lines.get(i).length + 1;
    }
    brokenFiles();
    snapshot("catalog", List.of(
        "{\"product_id\":\"p1\",\"name\":\"One\",\"category\":\"c\",\"price\":1.0,\"created_at\":0}",
        "{\"product_id\":\"p2\",\"name\":\"Two\",\"category\":\"c\",\"price\":1.0,\"created_at\":0,"
            + "\"is_active\":false}",
        "{\"product_id\":\"p3\",\"name\":\"Three\",\"category\":\"c\",\"price\":1.0,\"created_at\":0}"));

    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setLong(EventRules.NOW, CLOCK.millis());
    conf.setInt(RawFileInputFormat.MAX_LINE_BYTES, 65_536);
    run = dir.resolve("runs/run-1");
    report = new BronzeToSilverTool(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run(conf, zone.root(), DAY, DAY, new org.apache.hadoop.fs.Path(run.toUri()),
            new org.apache.hadoop.fs.Path(dir.resolve("runs").toUri()));
    collectFates();
  }

  /** Where each record went: silver by event_id, the quarantine by line offset, the clean-up's outputs by id. */
  private void collectFates() throws Exception {
    for (File avro : parts(run.resolve("silver/clickstream"), true)) {
      try (DataFileReader<InteractionEvent> reader =
               new DataFileReader<>(avro, new SpecificDatumReader<>(InteractionEvent.class))) {
        for (InteractionEvent e : reader) {
          put(e.getEventId() + "#" + SILVER, SILVER);
        }
      }
    }
    for (File f : parts(run.resolve("validated/quarantine"), false)) {
      for (String line : Files.readAllLines(f.toPath())) {
        JsonNode q = JSON.readTree(line);
        put(q.get("source").asText(), q.get("reason").asText());
      }
    }
    Map<String, String> byId = Map.of("clean/duplicates", "DUPLICATE_ID", "clean/conflicts", "CONFLICTING_ID",
        "clean/near-duplicates", "NEAR_DUPLICATE", "clean/bots", "BOT", "references-catalog/quarantine",
        "UNKNOWN_REFERENCE", "references-catalog/inactive", "INACTIVE");
    for (Map.Entry<String, String> out : byId.entrySet()) {
      for (File f : parts(run.resolve(out.getKey()), false)) {
        for (String line : Files.readAllLines(f.toPath())) {
          JsonNode q = JSON.readTree(line);
          String id = JSON.readTree(q.has("record") ? q.get("record").asText() : line).get("event_id").asText();
          put(id + "#" + out.getValue(), out.getValue());
        }
      }
    }
  }

  private void put(String marker, String fate) {
    String key = marker;
    for (int n = 2; actual.containsKey(key); n++) {
      key = marker + "/" + n;
    }
    actual.put(key, fate);
  }

  private static List<File> parts(Path d, boolean recursive) throws Exception {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = recursive ? Files.walk(d) : Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part") && !p.toString().endsWith(".crc"))
          .sorted().map(Path::toFile).toList();
    }
  }

  @Test
  void everyRecordEndsWhereItsKindBelongs() {
    Map<String, String> want = new TreeMap<>();
    expected.forEach((marker, fate) -> want.merge(marker, fate, (a, b) -> a));
    Map<String, String> got = new TreeMap<>();
    actual.forEach((marker, fate) -> got.put(marker.replaceAll("/\\d+$", ""), fate));
    assertEquals(want, got);
  }

  @Test
  void readEqualsSilverPlusEveryRemovalWithTheRejectedFilesAccountedFor() {
    Map<String, Long> removed = new TreeMap<>();
    long read = report.stages().get(0).read();
    for (Stage stage : report.stages()) {
      assertTrue(stage.reconciles(), stage.toString());
      for (Count c : stage.removed()) {
        removed.merge(c.name(), c.count(), Long::sum);
      }
    }
    long silver = report.stages().get(report.stages().size() - 1).kept();
    assertEquals(Map.of("bots", 25L, "conflicting event ids", 2L, "duplicates", 1L, "in rejected files", 2939L,
        "inactive (kept aside)", 1L, "near duplicates", 1L, "quarantined", 32L, "unknown product_id", 1L), removed);
    assertEquals(read, silver + removed.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(7, silver, "g1 to g5, price and n1");
    assertEquals(lines.size() + 2 + 2 + 2935, read, "the hostile file, tampered and counted whole, the corrupt gzip up"
        + " to its break; nothing of the files with a bad manifest or none, nor of the unexpected entries");
  }

  @Test
  void everyFileOfTheRangeIsListedWithWhatBecameOfIt() {
    Map<String, String> files = new TreeMap<>();
    for (RawFile f : report.files()) {
      files.put(f.source().equals("clickstream") ? f.file().substring(f.file().indexOf("dt=")) : f.source(),
          f.status());
    }
    assertEquals(Map.of(
        "dt=2026-11-20/hour=10/hostile.jsonl", "read",
        "dt=2026-11-20/hour=11/counted.jsonl", "COUNT_MISMATCH",
        "dt=2026-11-20/hour=11/cut.jsonl", "BAD_MANIFEST",
        "dt=2026-11-20/hour=11/tampered.jsonl", "CHECKSUM_MISMATCH",
        "dt=2026-11-20/hour=12/broken.jsonl.gz", "UNREADABLE",
        "dt=2026-11-20/hour=12/nested", "UNEXPECTED_ENTRY",
        "dt=2026-11-20/hour=12/other.ndjson", "UNEXPECTED_ENTRY",
        "dt=2026-11-20/hour=12/uncommitted.jsonl", "UNCOMMITTED",
        "dt=2026-11-20/hour=7", "UNEXPECTED_ENTRY",
        "catalog", "read"), files);
  }

  @Test
  void filesQuarantinedWholeFailTheRunNamingThem() {
    Check check = report.checks().stream().filter(c -> c.name().equals("raw-files:clickstream")).findFirst()
        .orElseThrow();
    assertEquals(Status.FAIL, check.status());
    assertTrue(check.message().contains("tampered.jsonl") && check.message().contains("UNREADABLE"),
        check.message());
  }

  @Test
  void invalidUtf8IsKeptExactlyInTheQuarantine() throws Exception {
    List<String> encoded = new ArrayList<>();
    for (File f : parts(run.resolve("validated/quarantine"), false)) {
      for (String line : Files.readAllLines(f.toPath())) {
        JsonNode q = JSON.readTree(line);
        if (q.get("reason").asText().equals("INVALID_ENCODING")) {
          encoded.add(q.get("record_base64").asText());
        }
      }
    }
    List<String> want = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (fates.get(i).equals("INVALID_ENCODING")) {
        want.add(Base64.getEncoder().encodeToString(lines.get(i)));
      }
    }
    encoded.sort(null);
    want.sort(null);
    assertEquals(want, encoded);
  }
}
