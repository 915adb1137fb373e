package io.reco.jobs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.schema.Lineage;
import io.reco.schema.ModelRegistry;
import io.reco.schema.RecoTables;
import io.reco.testing.SharedHBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code model} against the shared HBase: what an operator sees and the exit codes. */
class ModelToolIT {
  private static final Instant DAY_ONE = Instant.parse("2026-11-01T00:00:00Z");
  private ModelRegistry registry;

  private record Run(int code, String out) {
  }

  @BeforeEach
  void emptyRegistry() throws IOException {
    try (Table table = SharedHBase.connection().getTable(RecoTables.MODELS.tableName());
         ResultScanner rows = table.getScanner(new Scan())) {
      List<Delete> deletes = new ArrayList<>();
      for (Result row : rows) {
        deletes.add(new Delete(row.getRow()));
      }
      table.delete(deletes);
    }
    registry = new ModelRegistry(SharedHBase.connection());
    version("mt1", 0, 0.30);
    registry.activate("mt1");
    version("mt2", 1, 0.302);
  }

  @Test
  void promoteBelowTheMarginPrintsTheFiguresAndExitsOne() throws Exception {
    Run run = run("promote", "mt2");
    assertEquals(1, run.code());
    assertEquals("not promoted mt2: mt2 ndcg@10 0.3020 does not beat active mt1 0.3000 by more than 1.0% "
        + "(needs > 0.3030)\n", run.out());
  }

  @Test
  void theMarginIsASetting() throws Exception {
    Run run = run("-D", ModelTool.PROMOTE_MARGIN + "=0.001", "promote", "mt2");
    assertEquals(0, run.code(), run.out());
    assertEquals("mt2", registry.activeVersion().orElseThrow());
  }

  @Test
  void forcedPromoteThenRollbackReturnsToTheFirst() throws Exception {
    assertEquals(0, run("promote", "mt2", "--force").code());
    Run rollback = run("rollback");
    assertEquals("rolled back from mt2 to mt1\n", rollback.out());
    assertEquals("mt1", registry.activeVersion().orElseThrow());
  }

  @Test
  void listPrintsOneLinePerVersionNewestFirst() throws Exception {
    List<String> lines = run("list").out().lines().toList();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(1).startsWith("  mt2  "), lines.get(1));
    assertTrue(lines.get(2).startsWith("* mt1  "), lines.get(2));
  }

  @Test
  void showWithoutAVersionShowsTheActiveOne() throws Exception {
    assertTrue(run("show").out().startsWith("version   mt1\nstatus    published (active)\n"));
  }

  @Test
  void gcDryRunKeepsTheActiveAndItsCandidate() throws Exception {
    assertEquals("gc (dry run): would remove 0 version(s), 0 cell(s)\n", run("gc", "--dry-run", "--keep", "0").out());
  }

  private void version(String version, int day, double ndcg) throws IOException {
    Instant created = DAY_ONE.plusSeconds(86_400L * day);
    registry.register(version, created);
    registry.recordLineage(version, new Lineage(List.of(), Map.of(), Map.of("ndcg@10", ndcg), "test", created));
  }

  private static Run run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Configuration conf = SharedHBase.configuration();
    int code = ToolRunner.run(conf, new ModelTool(new PrintStream(out, true, StandardCharsets.UTF_8)), args);
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }
}
