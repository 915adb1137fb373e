package io.reco.jobs.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.commands.ExitCodes;
import io.reco.records.Settings;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retention} on the local file system with a registry that protects nothing, or cannot be read. */
class RetentionJobTest {
  private static final RetentionJob.Registry NOTHING = (conf, key) -> new Protection();

  @TempDir
  Path dir;
  private RetentionTree tree;

  private record Run(int code, String out, String err) {
  }

  @BeforeEach
  void tree() throws IOException {
    tree = new RetentionTree(dir);
  }

  @Test
  void aRegistryThatCannotBeReadStopsTheJobWithOneLineAndExitCodeOne() throws Exception {
    Map<String, Long> before = tree.files();
    Run run = run((conf, key) -> {
      throw new IOException("Connection refused\n\tat somewhere");
    });
    assertEquals(ExitCodes.FAILURE, run.code());
    assertEquals("reco: retention: cannot read the model registry, so nothing was deleted: Connection refused\n",
        run.err());
    assertEquals(before, tree.files());
  }

  @Test
  void aRunNamedLikeNoVersionIsDatedByItsQualityReport() throws IOException {
    RetentionReport report = dryRun(Settings.create());
    List<LocalDate> dates = report.decisions().stream().filter(d -> RetentionTree.RECENT_RUN.equals(d.unit().run()))
        .map(d -> d.unit().date()).distinct().toList();
    assertEquals(List.of(LocalDate.parse("2026-12-01")), dates);
  }

  @Test
  void aDirectoryThatIsNoRunIsLeftAloneAndListed() throws IOException {
    RetentionReport report = dryRun(Settings.create());
    assertEquals(List.of(new org.apache.hadoop.fs.Path(tree.work, "scratch").toString()), report.ignored());
  }

  @Test
  void theNewestSnapshotAndADayWithAFileInProgressAreHeld() throws IOException {
    RetentionReport report = dryRun(Settings.create());
    List<String> held = report.with(Verdict.HELD).stream().map(d -> d.unit().location() + ": " + d.why()).toList();
    assertEquals(List.of(RawZone.datePartition(tree.zone.clickstream(), RetentionTree.OPEN)
            + ": 1 file(s) still being written",
        tree.zone.snapshot("catalog", LocalDate.parse("2024-07-01")) + ": the newest snapshot (_LATEST) or a newer"
            + " one"), held);
  }

  @Test
  void withoutAProtectingModelTheRollbackRunGoesToo() throws Exception {
    assertEquals(0, run(NOTHING).code());
    assertEquals(List.of(), tree.files().keySet().stream().filter(f -> f.contains(RetentionTree.ROLLBACK_RUN))
        .toList());
  }

  @Test
  void aLimitIsASetting() throws IOException {
    assertEquals(5, dryRun(Settings.create()).byClass().get(RetentionClass.RAW).deleted());
    Configuration conf = Settings.create();
    conf.setInt(RetentionClass.RAW.setting(), 10_000);
    assertEquals(0, dryRun(conf).byClass().get(RetentionClass.RAW).deleted());
  }

  @Test
  void aLimitOfZeroDaysIsRefusedBeforeAnythingIsRead() throws Exception {
    Map<String, Long> before = tree.files();
    Run run = run(NOTHING, "-D", RetentionClass.TRAINING.setting() + "=0");
    assertEquals(ExitCodes.FAILURE, run.code());
    assertEquals("reco: reco.retention.training-days must be 1 day or more, was 0\n", run.err());
    assertEquals(before, tree.files());
  }

  @Test
  void withoutRawOrWorkItIsAUsageError() throws Exception {
    Run run = run(NOTHING, List.of());
    assertEquals(ExitCodes.USAGE, run.code());
    assertEquals("retention: name --raw, --work or both (see --help)\n", run.err());
  }

  private RetentionReport dryRun(Configuration conf) throws IOException {
    return RetentionJob.run(conf, tree.raw, tree.work, RetentionTree.AS_OF, true, NOTHING);
  }

  private Run run(RetentionJob.Registry registry, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("--raw", tree.raw.toString(), "--work", tree.work.toString(),
        "--as-of", RetentionTree.AS_OF.toString()));
    args.addAll(List.of(options));
    return run(registry, args);
  }

  private static Run run(RetentionJob.Registry registry, List<String> args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ExitCodes.of("reco", () -> ToolRunner.run(Settings.create(), new RetentionJob(new PrintStream(out,
        true, StandardCharsets.UTF_8), registry), args.toArray(String[]::new)), new PrintStream(err, true,
        StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
