package io.reco.jobs.pipeline;

import io.reco.ingest.raw.RawVerifier;
import io.reco.jobs.common.RawInventory;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.quality.ReportFormat;
import io.reco.records.Settings;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawZone;
import io.reco.schema.Lineage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** What a pipeline run records of its inputs and settings in the model's {@link Lineage}. */
final class RunLineage {
  private static final String SETTINGS = "reco.";

  private RunLineage() {
  }

  /** The raw partitions of the range (clickstream hours, transaction days), each with its manifests' MD5s. */
  static List<Lineage.Input> inputs(FileSystem fs, Path raw, LocalDate from, LocalDate to) throws IOException {
    RawZone zone = new RawZone(raw);
    List<Path> partitions = new ArrayList<>(RawInventory.of(fs, zone.clickstream(), from, to).partitions());
    partitions.addAll(RawInventory.daily(fs, zone.transactions(), from, to).partitions());
    List<Lineage.Input> inputs = new ArrayList<>();
    for (Path partition : partitions) {
      Map<String, String> md5s = new TreeMap<>();
      for (FileStatus file : fs.listStatus(partition)) {
        if (file.isFile() && file.getPath().getName().endsWith(Manifest.SUFFIX)) {
          md5s.put(file.getPath().getName(), RawVerifier.md5(fs, file.getPath()));
        }
      }
      inputs.add(new Lineage.Input(partition.toString(), md5s));
    }
    return inputs;
  }

  /**
   * The run's own silver, which its model was built from, with the MD5 of the quality report that passed it: the
   * lineage then names the run's directory, which retention keeps while the model may be served.
   */
  static Lineage.Input silver(FileSystem fs, Path dir) throws IOException {
    Path silver = fs.makeQualified(new Path(dir, BronzeToSilverTool.SILVER_MASTERS));
    Path report = new Path(new Path(dir, BronzeToSilverTool.REPORT), ReportFormat.JSON.fileName());
    Map<String, String> md5s = new TreeMap<>();
    if (fs.exists(report)) {
      md5s.put(BronzeToSilverTool.REPORT + "/" + report.getName(), RawVerifier.md5(fs, report));
    }
    return new Lineage.Input(silver.toString(), md5s);
  }

  /** Every {@code reco.*} setting of the run, defaults included. */
  static Map<String, String> parameters(Configuration conf) {
    Map<String, String> settings = new TreeMap<>();
    Settings.withPrefix(conf, SETTINGS).forEach((key, value) -> settings.put(SETTINGS + key, value));
    return settings;
  }
}
