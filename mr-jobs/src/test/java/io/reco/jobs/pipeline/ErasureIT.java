package io.reco.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.quality.Count;
import io.reco.quality.QualityReport;
import io.reco.quality.Stage;
import io.reco.records.EventRules;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import io.reco.schema.RecoTables;
import io.reco.schema.RowKeys;
import io.reco.schema.ScoredLists;
import io.reco.schema.TableSpec;
import io.reco.schema.avro.ScoredItem;
import io.reco.testing.SharedHBase;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer deleted in the shop's database, as a merged customers snapshot names it ({@link RawZone#ERASED}):
 * bronze to silver drops their events (counted, kept nowhere), and the pipeline's erasure deletes their rows from
 * every user table, in every model version, leaving everyone else's.
 */
class ErasureIT {
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @TempDir
  Path dir;

  private static void commit(FileSystem fs, org.apache.hadoop.fs.Path file, String kind, List<String> lines)
      throws Exception {
    try (RawFileWriter writer = RawFileWriter.create(fs, file)) {
      for (String line : lines) {
        writer.write(line);
      }
      writer.commit(kind, Map.of("test", true), CLOCK);
    }
  }

  private static String view(String id, String user, String product, long time) {
    return "{\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"product_id\":\"" + product
        + "\",\"event_type\":\"view\",\"timestamp\":" + time + ",\"session_id\":\"s-" + user + "\"}";
  }

  @Test
  void anErasedCustomersEventsAreDroppedAndTheirRowsDeletedFromEveryUserTable() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    long t = T0.toEpochMilli();
    commit(fs, new org.apache.hadoop.fs.Path(zone.clickstreamHour(t), "a.jsonl"), "clickstream", List.of(
        view("e1", "u1", "p1", t), view("e2", "u1", "p2", t + 60_000), view("e3", "gone", "p1", t + 1000),
        view("e4", "gone", "p2", t + 90_000), view("e5", "u1", "p1", t + 200_000)));
    org.apache.hadoop.fs.Path customers = zone.snapshot("customers", DAY);
    commit(fs, new org.apache.hadoop.fs.Path(customers, "customers.jsonl"), "customers",
        List.of("{\"customer_id\":\"u1\"}"));
    commit(fs, new org.apache.hadoop.fs.Path(customers, RawZone.ERASED), "erased",
        List.of("{\"customer_id\":\"gone\",\"erased\":true}"));
    zone.publishLatest(fs, "customers", customers);

    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setLong(EventRules.NOW, CLOCK.millis());
    org.apache.hadoop.fs.Path run = new org.apache.hadoop.fs.Path(dir.resolve("run").toUri());
    QualityReport report = new BronzeToSilverTool(new PrintStream(OutputStream.nullOutputStream())).run(conf,
        zone.root(), DAY, DAY, run, run.getParent());
    Stage references = report.stages().stream().filter(s -> s.name().equals("references-customers")).findFirst()
        .orElseThrow();
    assertEquals(new Stage("references-customers", "clickstream", 5, 3, List.of(new Count("unknown user_id", 0),
        new Count("erased customers (dropped)", 2))), references);
    List<InteractionEvent> silver = SilverFixtures.read(dir.resolve("run/silver/clickstream"),
        InteractionEvent.class);
    assertEquals(3, silver.size());
    assertTrue(silver.stream().noneMatch(e -> e.getUserId().equals("gone")));
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir.resolve("run"))) {
      for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        assertFalse(new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
            .contains("gone"), "the erased customer is in " + file);
      }
    }

    Connection hbase = SharedHBase.connection();
    List<ScoredItem> list = List.of(new ScoredItem("p1", 1.0));
    for (TableSpec table : RecoTables.USER_TABLES) {
      try (Table rows = hbase.getTable(table.tableName())) {
        for (String user : List.of("u1", "gone")) {
          List<Put> puts = new ArrayList<>();
          for (String version : List.of("v-old", "v-served")) {
            puts.add(new Put(RowKeys.of(user)).add(ScoredLists.cell(table, user, version, list)));
          }
          rows.put(puts);
        }
      }
    }
    List<String> erased = ErasedCustomers.read(fs, zone.root());
    assertEquals(List.of("gone"), erased);
    ErasedCustomers.delete(hbase, erased);
    for (TableSpec table : RecoTables.USER_TABLES) {
      try (Table rows = hbase.getTable(table.tableName())) {
        assertTrue(rows.get(new Get(RowKeys.of("gone"))).isEmpty(), table.name() + " still holds the erased user");
        assertEquals(2, rows.get(new Get(RowKeys.of("u1"))).size(), table.name());
      }
    }
  }
}
