package io.reco.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.Settings;
import io.reco.schema.Lineage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLineageTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @TempDir
  Path dir;

  @Test
  void eachPartitionOfTheRangeComesWithItsManifestsMd5() throws Exception {
    Path hour = dir.resolve("clickstream/dt=2026-11-20/hour=03");
    Files.createDirectories(hour);
    Files.writeString(hour.resolve("a.jsonl"), "{}\n");
    Files.writeString(hour.resolve("a.jsonl.manifest"), "abc");
    List<Lineage.Input> inputs = RunLineage.inputs(FileSystem.getLocal(new Configuration()),
        new org.apache.hadoop.fs.Path(dir.toUri()), DAY, DAY);
    assertEquals(1, inputs.size());
    assertTrue(inputs.get(0).path().endsWith("clickstream/dt=2026-11-20/hour=03"), inputs.get(0).path());
    // MD5 of "abc"
    assertEquals(Map.of("a.jsonl.manifest", "900150983cd24fb0d6963f7d28e17f72"), inputs.get(0).manifests());
  }

  @Test
  void theRunsSilverIsAnInputWithItsReportsMd5SoRetentionKeepsTheRun() throws Exception {
    Path run = dir.resolve("reco-daily-20261201-0300");
    Files.createDirectories(run.resolve("report"));
    Files.writeString(run.resolve("report/report.json"), "abc");
    Lineage.Input silver = RunLineage.silver(FileSystem.getLocal(new Configuration()),
        new org.apache.hadoop.fs.Path(run.toUri()));
    assertEquals("file:" + run.resolve("silver"), silver.path());
    assertEquals(Map.of("report/report.json", "900150983cd24fb0d6963f7d28e17f72"), silver.manifests());
  }

  @Test
  void theParametersAreTheRecoSettingsWithTheRunsOwnValues() {
    Configuration conf = Settings.create();
    conf.set("reco.similar.top-k", "7");
    Map<String, String> parameters = RunLineage.parameters(conf);
    assertEquals("7", parameters.get("reco.similar.top-k"));
    assertEquals("ndcg@10", parameters.get("reco.models.promote-metric"));
  }
}
