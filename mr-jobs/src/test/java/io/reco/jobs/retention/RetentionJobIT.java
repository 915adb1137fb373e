package io.reco.jobs.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.commands.ExitCodes;
import io.reco.records.raw.RawZone;
import io.reco.schema.Lineage;
import io.reco.schema.ModelRegistry;
import io.reco.schema.RecoTables;
import io.reco.testing.SharedHBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retention} over a raw zone and runs in a temp directory, protected by a registry in the shared HBase: the
 * live model names an old hour, its predecessor's run is old, a retired version names another old day.
 */
class RetentionJobIT {
  /** The live model; its lineage names an hour of {@link RetentionTree#NAMED}. */
  private static final String ACTIVE = "v20261101-030000";
  /** The rollback target, whose run directory is {@link RetentionTree#ROLLBACK_RUN}. */
  private static final String PREDECESSOR = RetentionTree.ROLLBACK_RUN;
  /** Passed over and retired by {@code model gc}; its lineage names {@link RetentionTree#RETIRED}. */
  private static final String RETIRED = "v20251001-030000";

  @TempDir
  Path dir;
  private RetentionTree tree;

  private record Run(int code, String out, String err) {
  }

  @BeforeEach
  void treeAndRegistry() throws IOException {
    tree = new RetentionTree(dir);
    try (Table table = SharedHBase.connection().getTable(RecoTables.MODELS.tableName());
         ResultScanner rows = table.getScanner(new Scan())) {
      List<Delete> deletes = new ArrayList<>();
      for (Result row : rows) {
        deletes.add(new Delete(row.getRow()));
      }
      table.delete(deletes);
    }
    ModelRegistry registry = new ModelRegistry(SharedHBase.connection());
    version(registry, PREDECESSOR, List.of());
    registry.activate(PREDECESSOR);
    version(registry, RETIRED, List.of(tree.retiredHour().toString()));
    version(registry, ACTIVE, List.of(tree.namedHour().toString()));
    registry.activate(ACTIVE);
    assertEquals(List.of(RETIRED), registry.gc(0, false, false).versions());
  }

  @Test
  void anOldPartitionGoes() throws Exception {
    assertEquals(0, retention().code());
    assertFalse(tree.exists(clickstreamDay(RetentionTree.OLD)));
  }

  @Test
  void aRecentPartitionStays() throws Exception {
    assertEquals(0, retention().code());
    assertTrue(tree.exists(clickstreamDay(RetentionTree.RECENT)));
  }

  @Test
  void anOldPartitionTheLiveModelNamesStaysAndTheListingSaysWhy() throws Exception {
    Run run = retention();
    assertTrue(tree.exists(tree.namedHour()));
    assertTrue(run.out().contains("protected     raw             761 d            100 B  "
        + clickstreamDay(RetentionTree.NAMED) + "  (named by " + ACTIVE + " (active))\n"), run.out());
  }

  @Test
  void theRollbackTargetsRunStaysWhole() throws Exception {
    Map<String, Long> before = tree.files();
    assertEquals(0, retention().code());
    List<String> run = before.keySet().stream().filter(f -> f.startsWith("work/" + PREDECESSOR + "/")).toList();
    assertEquals(5, run.size(), run.toString());
    assertTrue(tree.files().keySet().containsAll(run), tree.files().toString());
  }

  @Test
  void anOldPartitionOnlyARetiredVersionNamesGoes() throws Exception {
    assertEquals(0, retention().code());
    assertFalse(tree.exists(clickstreamDay(RetentionTree.RETIRED)));
  }

  @Test
  void aRunPastTheTrainingLimitLosesItsTrainingLogsAndQuarantineButNotItsFeatures() throws Exception {
    assertEquals(0, retention().code());
    List<String> left = tree.files().keySet().stream().filter(f -> f.startsWith("work/" + RetentionTree.MIDDLE_RUN))
        .toList();
    assertEquals(List.of("work/" + RetentionTree.MIDDLE_RUN + "/gold/users/features/dt=2026-11-01/part-0.avro",
        "work/" + RetentionTree.MIDDLE_RUN + "/silver/clickstream/dt=2026-11-01/part-0.avro"), left);
  }

  @Test
  void theDryRunDeletesNothingAndListsWhatWouldGo() throws Exception {
    Map<String, Long> before = tree.files();
    Run run = retention("--dry-run");
    assertEquals(0, run.code(), run.err());
    assertEquals(before, tree.files());
    assertTrue(run.out().contains("would delete  raw             762 d            100 B  "
        + clickstreamDay(RetentionTree.OLD) + "\n"), run.out());
  }

  @Test
  void theCountsReconcile() throws Exception {
    Run run = retention();
    assertTrue(run.out().endsWith("seen 27 = kept 8 + held 2 + protected 5 + deleted 12; 1,300 bytes deleted, 600"
        + " bytes protected\n"), run.out());
  }

  @Test
  void theDryRunAndTheRealRunListTheSameUnits() throws Exception {
    List<String> dry = units(retention("--dry-run").out());
    List<String> real = units(retention().out());
    assertEquals(19, real.size(), real.toString());
    assertEquals(dry.stream().map(l -> l.replaceFirst("^would delete", "deleted     ")).toList(), real);
  }

  @Test
  void aRegistryThatDoesNotAnswerStopsTheJobBeforeItDeletesAnything() throws Exception {
    Map<String, Long> before = tree.files();
    Configuration conf = new Configuration(SharedHBase.configuration());
    conf.set("hbase.zookeeper.quorum", "127.0.0.1");
    conf.setInt("hbase.zookeeper.property.clientPort", freePort());
    conf.set(RetentionJob.REGISTRY_TIMEOUT_MS, "2000");
    Run run = retention(conf);
    assertEquals(ExitCodes.FAILURE, run.code());
    assertTrue(run.err().startsWith("reco: retention: cannot read the model registry, so nothing was deleted: "),
        run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertEquals(before, tree.files());
  }

  /** The listing's lines of units past their limit. */
  private static List<String> units(String listing) {
    return listing.lines().filter(l -> l.matches("(would delete|deleted|protected|held) +[a-z-]+ +\\d+ d .*"))
        .toList();
  }

  private org.apache.hadoop.fs.Path clickstreamDay(LocalDate day) {
    return RawZone.datePartition(tree.zone.clickstream(), day);
  }

  private static void version(ModelRegistry registry, String version, List<String> inputs) throws IOException {
    Instant created = ModelRegistry.timeOf(version).orElseThrow();
    registry.register(version, created);
    registry.recordLineage(version, new Lineage(inputs.stream().map(p -> new Lineage.Input(p, Map.of("a.manifest",
        "0cc175b9c0f1b6a831c399e269772661"))).toList(), Map.of(), Map.of("ndcg@10", 0.3), "test", created));
  }

  private Run retention(String... options) throws Exception {
    return retention(SharedHBase.configuration(), options);
  }

  private Run retention(Configuration conf, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("--raw", tree.raw.toString(), "--work", tree.work.toString(),
        "--as-of", RetentionTree.AS_OF.toString()));
    args.addAll(List.of(options));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ExitCodes.of("reco", () -> ToolRunner.run(conf, new RetentionJob(new PrintStream(out, true,
        StandardCharsets.UTF_8)), args.toArray(String[]::new)), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
