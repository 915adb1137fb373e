package io.reco.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.clean.CleanJob;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.generate.ShopGenerator;
import io.reco.jobs.orders.OrdersJob;
import io.reco.jobs.references.Reference;
import io.reco.jobs.references.ReferencesJob;
import io.reco.jobs.validate.ValidateJob;
import io.reco.quality.Check;
import io.reco.quality.CheckName;
import io.reco.quality.Count;
import io.reco.quality.Distribution;
import io.reco.quality.FieldNullRate;
import io.reco.quality.QualityReport;
import io.reco.quality.Rejects;
import io.reco.quality.ReportFormat;
import io.reco.quality.SourceVolume;
import io.reco.quality.Stage;
import io.reco.quality.StageName;
import io.reco.quality.Status;
import io.reco.records.EventRules;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
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
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole bronze-to-silver run on LocalJobRunner: broken records of every kind, the report and its checks. */
class BronzeToSilverToolTest {
  private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @TempDir
  Path dir;

  private static String event(String id, String user, String product, String type, long time, String extra) {
    return "{\"event_id\":\"" + id + "\"" + (user == null ? "" : ",\"user_id\":\"" + user + "\"")
        + ",\"product_id\":\"" + product + "\",\"event_type\":\"" + type + "\",\"timestamp\":" + time
        + ",\"session_id\":\"s-" + user + "\"" + extra + "}";
  }

  private static void commit(FileSystem fs, org.apache.hadoop.fs.Path file, String kind, List<String> lines)
      throws Exception {
    try (RawFileWriter writer = RawFileWriter.create(fs, file)) {
      for (String line : lines) {
        writer.write(line);
      }
      writer.commit(kind, Map.of("test", true), CLOCK);
    }
  }

  private static void snapshot(FileSystem fs, RawZone zone, String entity, List<String> rows) throws Exception {
    org.apache.hadoop.fs.Path snapshot = zone.snapshot(entity, DAY);
    commit(fs, new org.apache.hadoop.fs.Path(snapshot, entity + ".jsonl"), entity, rows);
    zone.publishLatest(fs, entity, snapshot);
  }

  private RawZone brokenZone(FileSystem fs) throws Exception {
    return brokenZone(fs, dir);
  }

  private static RawZone brokenZone(FileSystem fs, Path dir) throws Exception {
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    List<String> hour10 = new ArrayList<>(List.of(
        event("e1", "u1", "p1", "view", T0, ",\"price\":9.5,\"device_type\":\"mobile\""),
        event("e2", "u1", "p1", "add_to_cart", T0 + 60_000, ",\"quantity\":1"),
        event("e2", "u1", "p1", "add_to_cart", T0 + 60_000, ",\"quantity\":1"),
        event("e3", "u2", "p3", "view", T0 + 1_000, ",\"rating\":7"),
        event("e4", "u2", "p3", "view", T0 + 2_000, ",\"price\":-1"),
        event("e5", "u2", "p3", "view", Instant.parse("1989-12-31T23:00:00Z").toEpochMilli(), ""),
        event("e6", null, "p3", "view", T0 + 3_000, ""),
        event("e7", "u2", "p3", "like", T0 + 4_000, ""),
        "{not json",
        event("e8", "u2", "p2", "view", T0 + 5_000, ""),
        event("e9", "u3", "p9", "view", T0 + 6_000, ""),
        event("e10", "u7", "p1", "view", T0 + 7_000, ""),
        event("e11", "u1", "p3", "view", T0 + 120_000, ""),
        event("e12", "u1", "p3", "view", T0 + 120_500, "")));
    for (int i = 0; i < 25; i++) {
      hour10.add(event("b" + i, "u9", "p1", "view", T0 + 600_000 + i * 200L, ""));
    }
    commit(fs, new org.apache.hadoop.fs.Path(zone.clickstreamHour(T0), "a.jsonl"), "clickstream", hour10);
    long nextDay = T0 + 86_400_000L;
    commit(fs, new org.apache.hadoop.fs.Path(zone.clickstreamHour(nextDay), "b.jsonl"), "clickstream",
        List.of(event("e13", "u2", "p1", "purchase", nextDay, ",\"price\":12.0,\"quantity\":1")));
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(zone.clickstreamHour(T0), "c.jsonl"))) {
      out.write((event("e100", "u1", "p1", "view", T0, "") + "\n").getBytes(StandardCharsets.UTF_8));
    }
    snapshot(fs, zone, "catalog", List.of(
        "{\"product_id\":\"p1\",\"name\":\"One\",\"category\":\"c\",\"price\":1.0,\"created_at\":0}",
        "{\"product_id\":\"p2\",\"name\":\"Two\",\"category\":\"c\",\"price\":1.0,\"created_at\":0,"
            + "\"is_active\":false}",
        "{\"product_id\":\"p3\",\"name\":\"Three\",\"category\":\"c\",\"price\":1.0,\"created_at\":0}"));
    org.apache.hadoop.fs.Path day = RawZone.datePartition(zone.transactions(), DAY);
    try (RawFileWriter orders = RawFileWriter.create(fs, new org.apache.hadoop.fs.Path(day, "orders-a.csv"))) {
      orders.writeHeader("order_id,customer_id,ordered_at,status,currency,country");
      orders.write("o1,u1,2026-11-20 10:05:00,placed,EUR,");
      orders.write("o2,,2026-11-20 11:00:00,shipped,EUR,DE");
      orders.commit("transactions", Map.of("test", true), CLOCK);
    }
    try (RawFileWriter items = RawFileWriter.create(fs, new org.apache.hadoop.fs.Path(day, "order_items-a.csv"))) {
      items.writeHeader("order_id,line_number,product_id,quantity,unit_price,ordered_at");
      items.write("o1,1,p1,2,9.50,2026-11-20 10:05:00");
      items.write("o1,1,p1,2,9.50,2026-11-20 10:05:00");
      items.write("o1,2,p3,0,1.00,2026-11-20 10:05:00");
      items.write("o9,1,p1,1,1.00,2026-11-20 10:05:00");
      items.commit("transactions", Map.of("test", true), CLOCK);
    }
    snapshot(fs, zone, "customers", List.of("{\"customer_id\":\"u1\"}", "{\"customer_id\":\"u2\"}",
        "{\"customer_id\":\"u3\"}"));
    commit(fs, new org.apache.hadoop.fs.Path(zone.quarantine("customers", DAY), "customers.jsonl"), "quarantine",
        List.of("{\"reason\":\"MISSING_FIELD\",\"field\":\"customer_id\"}"));
    return zone;
  }

  private Configuration conf() {
    return conf(dir);
  }

  private static Configuration conf(Path dir) {
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setLong(EventRules.NOW, CLOCK.millis());
    return conf;
  }

  private static Check check(QualityReport report, String name) {
    return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.checks()));
  }

  /** The run over the broken fixture: made once, read by every test of what it found. */
  private record BrokenRun(Path dir, QualityReport report, String printed) {
  }

  @TempDir
  static Path brokenDir;
  private static BrokenRun broken;

  private static synchronized BrokenRun broken() throws Exception {
    if (broken == null) {
      FileSystem fs = FileSystem.getLocal(new Configuration());
      RawZone zone = brokenZone(fs, brokenDir);
      org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(brokenDir.resolve("runs/run-1").toUri());
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      QualityReport report = new BronzeToSilverTool(new PrintStream(printed, true, StandardCharsets.UTF_8))
          .run(conf(brokenDir), zone.root(), DAY, DAY.plusDays(1), output, output.getParent());
      broken = new BrokenRun(brokenDir.resolve("runs/run-1"), report, printed.toString(StandardCharsets.UTF_8));
    }
    return broken;
  }

  @Test
  void everyStageReconcilesReadWithKeptAndRemoved() throws Exception {
    QualityReport report = broken().report();
    // read = clean + quarantined + in rejected files + duplicates + conflicts + near duplicates + bots + unknown
    // references + inactive
    assertEquals(List.of(
            new Stage("validate", "clickstream", 40, 34, List.of(new Count("quarantined", 6),
                new Count("in rejected files", 0))),
            new Stage("clean", "clickstream", 34, 7, List.of(new Count("duplicates", 1),
                new Count("conflicting event ids", 0), new Count("near duplicates", 1), new Count("bots", 25))),
            new Stage("references-catalog", "clickstream", 7, 5, List.of(new Count("unknown product_id", 1),
                new Count("inactive (kept aside)", 1))),
            new Stage("references-customers", "clickstream", 5, 4, List.of(new Count("unknown user_id", 1))),
            new Stage("validate-orders", "transactions", 6, 2, List.of(new Count("quarantined", 3),
                new Count("duplicates", 1), new Count("in rejected files", 0)))),
        report.stages());
    assertTrue(report.stages().stream().allMatch(Stage::reconciles));
  }

  @Test
  void volumesBySourceCountWhatMasterExportsLostAtIngest() throws Exception {
    QualityReport report = broken().report();
    assertEquals(List.of("clickstream", "transactions", "catalog", "customers"),
        report.sources().stream().map(SourceVolume::source).toList());
    assertEquals(40, report.sources().get(0).read());
    assertEquals(4, report.sources().get(0).clean());
    assertEquals(new SourceVolume("customers", 4, 3, 1), report.sources().get(3),
        "the snapshot's rows and the row its export lost to the quarantine");
  }

  @Test
  void clickstreamRejectsAreCountedByReasonAndFieldWithExamples() throws Exception {
    QualityReport report = broken().report();
    Map<String, Long> clickstream = report.rejects().stream().filter(r -> r.source().equals("clickstream"))
        .collect(Collectors.toMap(Rejects::reason, Rejects::count, Long::sum));
    assertEquals(Map.of("INVALID_VALUE", 2L, "INVALID_TIMESTAMP", 1L, "MISSING_FIELD", 1L, "UNKNOWN_EVENT_TYPE", 1L,
        "MALFORMED_JSON", 1L, "DUPLICATE_ID", 1L, "NEAR_DUPLICATE", 1L, "BOT", 25L, "UNKNOWN_REFERENCE", 2L),
        clickstream);
    Rejects invalid = report.rejects().stream().filter(r -> r.source().equals("clickstream")
        && r.reason().equals("INVALID_VALUE")).findFirst().orElseThrow();
    assertEquals(List.of(new Count("price", 1), new Count("rating", 1)), invalid.byField());
    assertTrue(invalid.examples().stream().anyMatch(e -> e.position().matches(".*/a\\.jsonl:\\d+")
        && e.record().contains("\"rating\":7")), invalid.examples().toString());
    assertTrue(report.rejects().stream().filter(r -> r.reason().equals("UNKNOWN_REFERENCE"))
        .flatMap(r -> r.examples().stream()).anyMatch(e -> e.message().equals(
            "user_id 'u7' is not in the customers snapshot")), report.rejects().toString());
  }

  @Test
  void transactionRejectsAreCountedByReasonWithExamples() throws Exception {
    QualityReport report = broken().report();
    Map<String, Long> transactions = report.rejects().stream().filter(r -> r.source().equals("transactions"))
        .collect(Collectors.toMap(Rejects::reason, Rejects::count, Long::sum));
    assertEquals(Map.of("INVALID_VALUE", 2L, "UNKNOWN_REFERENCE", 1L, "DUPLICATE_ID", 1L), transactions,
        "status 'shipped', quantity 0, an item of order o9 that does not exist, line 1 of o1 twice");
    assertTrue(report.rejects().stream().filter(r -> r.source().equals("transactions")
        && r.reason().equals("UNKNOWN_REFERENCE")).flatMap(r -> r.examples().stream())
        .anyMatch(e -> e.record().startsWith("o9,1,p1")), report.rejects().toString());
    FieldNullRate country = report.nullRates().stream().filter(n -> n.source().equals("transactions")
        && n.field().equals("country")).findFirst().orElseThrow();
    assertEquals(1, country.nulls());
    assertEquals(Status.FAIL, check(report, CheckName.REJECTS.of(BronzeToSilverTool.TRANSACTIONS)).status());
  }

  @Test
  void nullRatesAreJudgedAgainstTheirLimits() throws Exception {
    QualityReport report = broken().report();
    FieldNullRate userId = report.nullRates().stream().filter(n -> n.field().equals("user_id")).findFirst()
        .orElseThrow();
    assertEquals(1, userId.nulls());
    assertEquals(40, userId.total());
    assertEquals(Status.FAIL, userId.status());
    FieldNullRate price = report.nullRates().stream().filter(n -> n.field().equals("price")).findFirst()
        .orElseThrow();
    assertEquals(32, price.nulls(), "34 events meet the rules (one repeats an id), 2 with a price");
    assertNull(price.maxRate());
  }

  @Test
  void eventsAreCountedByDayAndType() throws Exception {
    QualityReport report = broken().report();
    assertEquals(List.of(new Count("2026-11-20", 33), new Count("2026-11-21", 1)), report.days());
    assertEquals(List.of(new Count("add_to_cart", 2), new Count("purchase", 1), new Count("view", 31)),
        report.eventTypes());
  }

  @Test
  void theChecksFailTheRunAndArePrinted() throws Exception {
    QualityReport report = broken().report();
    assertEquals(Status.FAIL, check(report, CheckName.REJECTS.of(EventProfiler.SOURCE)).status());
    assertEquals(6 / 40.0, check(report, CheckName.REJECTS.of(EventProfiler.SOURCE)).value(), 1e-9);
    assertEquals(Status.FAIL, check(report, CheckName.NULLS.of(EventProfiler.SOURCE + ".user_id")).status());
    assertEquals(Status.FAIL, check(report, CheckName.BOTS.of(EventProfiler.SOURCE)).status());
    assertEquals(1 / 34.0, check(report, CheckName.DUPLICATES.of(EventProfiler.SOURCE)).value(), 1e-9);
    assertEquals(Status.FAIL, check(report, CheckName.REFERENCES.of("product_id")).status());
    assertEquals(Status.PASS, check(report, CheckName.COMPLETENESS.label()).status());
    assertEquals(Status.PASS, check(report, CheckName.FRESHNESS.label()).status());
    assertEquals(Status.PASS, check(report, CheckName.VOLUME.label()).status());
    assertTrue(report.checks().stream().noneMatch(c -> c.name().startsWith(CheckName.DRIFT.of(""))), "no previous run");
    assertEquals(Status.FAIL, report.status());
    String out = broken().printed();
    assertTrue(out.contains("FAIL rejects:clickstream"), out);
    assertTrue(out.contains("bronze-to-silver: FAIL"), out);
  }

  @Test
  void silverHoldsTheCleanEventsAndOrdersOnly() throws Exception {
    Path run = broken().dir();
    TreeSet<String> silver = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(run.resolve("silver/clickstream"))) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".avro")).toList()) {
        try (DataFileReader<InteractionEvent> reader =
                 new DataFileReader<>(p.toFile(), new SpecificDatumReader<>(InteractionEvent.class))) {
          reader.forEach(e -> silver.add(e.getEventId()));
        }
      }
    }
    assertEquals(new TreeSet<>(List.of("e1", "e11", "e13", "e2")), silver);
    assertTrue(Files.isDirectory(run.resolve("silver/orders/dt=2026-11-20")));
  }

  @Test
  void theReportIsWrittenInEveryFormatAndItsJsonReadsBack() throws Exception {
    Path run = broken().dir();
    for (ReportFormat format : ReportFormat.values()) {
      File file = run.resolve("report/" + format.fileName()).toFile();
      assertTrue(file.length() > 500, file + " is " + file.length() + " bytes");
    }
    try (InputStream in = Files.newInputStream(run.resolve("report/report.json"))) {
      assertEquals(broken().report(), ReportFormat.readJson(in));
    }
  }

  @Test
  void theToolExitsNonZeroWhenACheckFailsAndRefusesAnExistingOutput() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = brokenZone(fs);
    String output = dir.resolve("runs/run-1").toString();
    String[] args = {"--raw", zone.root().toString(), "--from", "2026-11-20", "--to", "2026-11-21", "--output",
        output};
    BronzeToSilverTool tool = new BronzeToSilverTool(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    tool.setConf(conf());
    assertEquals(1, tool.run(args));
    IllegalArgumentException again = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> tool.run(args));
    assertTrue(again.getMessage().contains("exists"), again.getMessage());
  }

  @Test
  void aCatalogSnapshotChangedAfterItsCommitFailsTheRunAndChecksNothingAgainstIt() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = brokenZone(fs);
    org.apache.hadoop.fs.Path catalog = ReferencesJob.latestSnapshot(fs, zone.root(), Reference.PRODUCT);
    Path file = Path.of(catalog.toUri());
    Files.writeString(file, Files.readString(file).replace("\"p2\"", "\"p7\""));
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(dir.resolve("runs/catalog").toUri());
    QualityReport report = new BronzeToSilverTool(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8)).run(conf(), zone.root(), DAY, DAY.plusDays(1), output, output.getParent());

    Check files = check(report, CheckName.RAW_FILES.of("catalog"));
    assertEquals(Status.FAIL, files.status());
    assertTrue(files.message().contains("CHECKSUM_MISMATCH"), files.message());
    Check references = check(report, CheckName.REFERENCES.of("product_id"));
    assertEquals(Status.WARN, references.status(), "not checked against a snapshot that is not what was committed");
    assertEquals("the catalog snapshot was quarantined whole (see raw-files:catalog): product_id not checked",
        references.message());
    assertTrue(report.stages().stream().noneMatch(st -> st.name().equals("references-catalog")));
  }

  @Test
  void guestsCanBeKeptInsteadOfQuarantined() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = brokenZone(fs);
    Configuration conf = conf();
    conf.set(ReferencesJob.UNKNOWN_USERS, "keep");
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(dir.resolve("runs/guests").toUri());
    QualityReport report = new BronzeToSilverTool(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8)).run(conf, zone.root(), DAY, DAY.plusDays(1), output, output.getParent());
    assertEquals(new Stage("references-customers", "clickstream", 5, 5, List.of(new Count("unknown user_id", 0))),
        report.stages().get(3));
    Check guests = check(report, CheckName.GUESTS.of("user_id"));
    assertEquals(Status.PASS, guests.status());
    assertEquals(0.2, guests.value(), 1e-9);
    assertEquals(Status.PASS, check(report, CheckName.REFERENCES.of("user_id")).status());

    conf.set(ReferencesJob.UNKNOWN_USERS, "drop");
    IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new BronzeToSilverTool(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .run(conf, zone.root(), DAY, DAY.plusDays(1), new org.apache.hadoop.fs.Path(output.getParent(), "x"),
                output.getParent()));
    assertEquals("reco.references.unknown-users must be quarantine or keep, was 'drop'", wrong.getMessage());
  }

  @Test
  void laterRunsAreJudgedAgainstEarlierOnesForVolumeAndDrift() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    LocalDate start = LocalDate.of(2026, 11, 1);
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setDouble("reco.quality.bot-rate.fail", 1.0);
    org.apache.hadoop.fs.Path runs = new org.apache.hadoop.fs.Path(dir.resolve("runs").toUri());
    BronzeToSilverTool tool = new BronzeToSilverTool(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));

    QualityReport first = tool.run(conf, generate(fs, "a", 1, 6_000), start, start.plusDays(1),
        new org.apache.hadoop.fs.Path(runs, "run-1"), runs);
    assertEquals(Status.PASS, check(first, CheckName.VOLUME.label()).status());
    QualityReport second = tool.run(conf, generate(fs, "b", 2, 6_000), start, start.plusDays(1),
        new org.apache.hadoop.fs.Path(runs, "run-2"), runs);
    Distribution types = second.distributions().stream().filter(d -> d.name().equals("event_type")).findFirst()
        .orElseThrow();
    assertEquals(first.distributions().get(0).current(), types.previous());
    assertTrue(types.psi() < 0.1, "the same shop, another seed: stable, was " + types.psi());
    assertEquals(Status.PASS, check(second, CheckName.DRIFT.of("event_type")).status());
    assertEquals(Status.PASS, check(second, CheckName.VOLUME.label()).status());

    QualityReport third = tool.run(conf, generate(fs, "c", 3, 2_000), start, start.plusDays(1),
        new org.apache.hadoop.fs.Path(runs, "run-3"), runs);
    Check volume = check(third, CheckName.VOLUME.label());
    assertEquals(Status.FAIL, volume.status());
    assertTrue(volume.value() > 0.5 && volume.value() < 0.75, volume.toString());
    assertTrue(volume.message().contains("over 2 runs"), volume.message());
    assertEquals(Status.FAIL, third.status());
  }

  @Test
  void namesItsStagesAsTheDriverNamesTheJobs() {
    assertEquals(ValidateJob.NAME, StageName.VALIDATE.label());
    assertEquals(CleanJob.NAME, StageName.CLEAN.label());
    assertEquals(ReferencesJob.NAME, StageName.REFERENCES.label());
    assertEquals(OrdersJob.NAME, StageName.VALIDATE_ORDERS.label());
  }

  private org.apache.hadoop.fs.Path generate(FileSystem fs, String name, long seed, long events) throws Exception {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
    new ShopGenerator(fs, root, new ShopGenerator.Settings(seed, events, LocalDate.of(2026, 11, 1), 2, 0, 0))
        .generate();
    return new org.apache.hadoop.fs.Path(root, "raw");
  }
}
