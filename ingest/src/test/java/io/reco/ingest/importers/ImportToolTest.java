package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ingest.raw.RawVerifier;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportToolTest {
  @TempDir
  java.nio.file.Path dir;
  private ByteArrayOutputStream printed;
  private ImportTool tool;

  @BeforeEach
  void setUp() {
    printed = new ByteArrayOutputStream();
    tool = new ImportTool(new PrintStream(printed, true, StandardCharsets.UTF_8), ImportedZone.CLOCK);
    Configuration conf = new Configuration();
    // the fixtures are broken on purpose, far beyond the default reject rate (ImportLimitsTest tests that)
    conf.set(ImportTool.MAX_REJECT_RATE, "1");
    tool.setConf(conf);
  }

  private int run(String... args) throws Exception {
    return tool.run(args);
  }

  @Test
  void printsOneSummaryLinePerImport() throws Exception {
    String raw = dir.resolve("raw").toString();
    Path events = ImportedZone.fixture("retailrocket/events.csv");
    int exit = run("--dataset", "retailrocket", "--input", events.toString(),
        "--items", ImportedZone.fixture("retailrocket/item_properties.csv").toString(), "--raw", raw);
    String md5 = RawVerifier.md5(events.getFileSystem(new Configuration()), events);

    assertEquals(0, exit);
    assertEquals("import retailrocket events.csv (md5 " + md5.substring(0, 12) + "): 16 rows = 8 events "
        + "{view=6, add_to_cart=1, purchase=1} + 0 cancellations + 8 rejected {MISSING_FIELD=2, WRONG_TYPE=2, "
        + "UNKNOWN_EVENT_TYPE=1, INVALID_TIMESTAMP=1, INVALID_VALUE=1, WRONG_COLUMN_COUNT=1}; 4 users, 4 products, "
        + "6 sessions; items item_properties.csv: 12 rows = 5 used + 2 ignored + 5 rejected {MISSING_FIELD=1, "
        + "WRONG_TYPE=2, INVALID_VALUE=1, WRONG_COLUMN_COUNT=1}; catalog 5 products in snapshot=2015-09-06; "
        + "4 files written" + System.lineSeparator(), printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void readsSettingsFromTheConfiguration() {
    Configuration conf = new Configuration();
    conf.set(ImportTool.MAX_OPEN_FILES, "4");
    conf.set(ImportTool.SESSION_GAP_MINUTES, "45");
    conf.set(ImportTool.PURCHASE_RATING, "3.5");
    assertEquals(new ImportSettings(4, Duration.ofMinutes(45), 3.5f), ImportTool.settings(conf));
    assertEquals(new ImportSettings(32, Duration.ofMinutes(30), 4.0f), ImportTool.settings(new Configuration()));

    conf.set(ImportTool.PURCHASE_RATING, "7");
    assertEquals("import: -Dreco.import.movielens.purchase-rating must lie in 0.5 .. 5, was 7.0",
        assertThrows(IllegalArgumentException.class, () -> ImportTool.settings(conf)).getMessage());
    conf.set(ImportTool.MAX_OPEN_FILES, "0");
    assertEquals("import: -Dreco.import.max-open-files must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> ImportTool.settings(conf)).getMessage());
  }

  @Test
  void failsWithOneClearLineOnBadArgumentsAndForeignFiles() throws Exception {
    String raw = dir.resolve("raw").toString();
    String events = ImportedZone.fixture("retailrocket/events.csv").toString();

    assertEquals("import: Invalid value for option '--dataset': unknown dataset 'amazon'; expected one of [rees46, "
        + "online-retail, retailrocket, movielens, sessions] (see --help)", assertThrows(IllegalArgumentException.class,
            () -> run("--dataset", "amazon", "--input", events, "--raw", raw)).getMessage());
    assertEquals("import: Missing required option: '--raw=<raw>' (see --help)",
        assertThrows(IllegalArgumentException.class, () -> run("--dataset", "retailrocket", "--input", events))
            .getMessage());
    assertEquals("import: rees46 has no item files; its catalog comes from its rows",
        assertThrows(IllegalArgumentException.class, () -> run("--dataset", "rees46", "--input", events,
            "--items", events, "--raw", raw)).getMessage());
    assertEquals("import: input " + ImportedZone.fixture("retailrocket/events.csv") + " is not a rees46 file: its "
        + "header is 'timestamp,visitorid,event,itemid,transactionid', expected 'event_time,event_type,product_id,"
        + "category_id,category_code,brand,price,user_id,user_session'", assertThrows(IllegalArgumentException.class,
            () -> run("--dataset", "rees46", "--input", events, "--raw", raw)).getMessage());
    String missing = dir.resolve("nope.csv").toString();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> run("--dataset", "rees46", "--input", missing,
        "--raw", raw)).getMessage().matches("import: input .*nope\\.csv does not exist or is not a file"));
    java.nio.file.Path empty = Files.createFile(dir.resolve("empty.csv"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> run("--dataset", "movielens", "--input",
        empty.toString(), "--raw", raw)).getMessage().endsWith("empty.csv is empty; expected the header "
        + "userId,movieId,rating,timestamp"));
    assertEquals("", printed.toString(StandardCharsets.UTF_8));
    assertEquals(List.of(), List.of(dir.resolve("raw").toFile().list() == null ? new String[0]
        : dir.resolve("raw").toFile().list()).stream().filter(n -> !n.startsWith("_")).toList());
  }

  @Test
  void aReportThatDoesNotAddUpFailsWithOneLine() {
    ImportReport report = new ImportReport(Dataset.ONLINE_RETAIL, "transactions.csv", "0123456789abcdef");
    report.rowRead();
    report.rowRead();
    report.rowRead();
    report.event(EventType.purchase);
    report.cancellation();
    report.written(1, 0, 0, 0, 0);

    IllegalStateException e = assertThrows(IllegalStateException.class, report::reconcile);
    assertEquals("import online-retail transactions.csv does not reconcile: 3 rows read != 1 events + "
        + "1 cancellations + 0 rejected", e.getMessage());
    report.reject(RejectReason.MISSING_FIELD);
    report.written(1, 0, 0, 0, 0);
    assertEquals("import online-retail transactions.csv does not reconcile: 0 rows quarantined, 1 rejected",
        assertThrows(IllegalStateException.class, report::reconcile).getMessage());
    report.written(1, 0, 1, 0, 0);
    report.reconcile();
  }
}
