package io.reco.jobs.retention;

import io.reco.jobs.pipeline.PipelineJob;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.jobs.training.TrainingExportJob;
import io.reco.records.raw.RawFiles;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A raw zone and a work root in a temp directory, as of {@link #AS_OF} with the default limits: a partition of each
 * kind past its limit and one within it, an old day that the live model's lineage names, an old day with a file
 * still being written, snapshots, and runs of every age.
 */
final class RetentionTree {
  /** The day ages count to. */
  static final LocalDate AS_OF = LocalDate.parse("2026-12-03");
  /** A clickstream day past the 730-day limit that nothing names. */
  static final LocalDate OLD = LocalDate.parse("2024-11-01");
  /** A clickstream day past the limit whose hour 05 the live model's lineage names. */
  static final LocalDate NAMED = LocalDate.parse("2024-11-02");
  /** A clickstream day past the limit that only a retired version's lineage names. */
  static final LocalDate RETIRED = LocalDate.parse("2024-11-03");
  /** A clickstream day past the limit with a file still being written. */
  static final LocalDate OPEN = LocalDate.parse("2024-11-04");
  /** A clickstream day within the limit. */
  static final LocalDate RECENT = LocalDate.parse("2026-11-30");
  /** A run past the features limit: goes whole. */
  static final String OLD_RUN = "v20251101-030000";
  /** A run past the features limit that is the rollback target's. */
  static final String ROLLBACK_RUN = "v20251115-030000";
  /** A run past the training, serving-logs and quarantine limits, within the features limit. */
  static final String MIDDLE_RUN = "v20260501-030000";
  /** A run within every limit, named as Oozie names them: dated by its report. */
  static final String RECENT_RUN = "reco-daily-20261201-0300";
  /** Bytes of each data file. */
  static final int FILE_BYTES = 100;

  final java.nio.file.Path dir;
  final Path raw;
  final Path work;
  final RawZone zone;

  RetentionTree(java.nio.file.Path dir) throws IOException {
    this.dir = dir;
    this.raw = new Path(dir.resolve("raw").toUri());
    this.work = new Path(dir.resolve("work").toUri());
    this.zone = new RawZone(raw);
    for (LocalDate day : new LocalDate[] {OLD, NAMED, RETIRED, OPEN, RECENT}) {
      file(new Path(RawZone.hourPartition(zone.clickstream(), day, 5), "events-0.jsonl"));
    }
    file(RawFiles.inProgress(new Path(RawZone.hourPartition(zone.clickstream(), OPEN, 6), "events-1.jsonl")));
    file(new Path(RawZone.datePartition(zone.transactions(), OLD), "orders.csv"));
    file(new Path(RawZone.datePartition(zone.transactions(), RECENT), "orders.csv"));
    file(new Path(zone.quarantine("clickstream", LocalDate.parse("2026-08-01")), "rejects.jsonl"));
    file(new Path(zone.quarantine("clickstream", RECENT), "rejects.jsonl"));
    file(new Path(zone.snapshot("catalog", LocalDate.parse("2024-06-01")), "catalog.jsonl"));
    Path latest = zone.snapshot("catalog", LocalDate.parse("2024-07-01"));
    file(new Path(latest, "catalog.jsonl"));
    zone.publishLatest(FileSystem.getLocal(new Configuration()), "catalog", latest);
    for (String run : new String[] {OLD_RUN, ROLLBACK_RUN, MIDDLE_RUN, RECENT_RUN}) {
      run(new Path(work, run));
    }
    Files.writeString(dir.resolve("work").resolve(RECENT_RUN).resolve(BronzeToSilverTool.REPORT)
        .resolve("report.json"), "{\"runId\":\"" + RECENT_RUN + "\",\"generatedAt\":\"2026-12-01T03:05:00Z\","
        + "\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"status\":\"PASS\"}");
    Files.createDirectories(dir.resolve("work").resolve("scratch"));
  }

  /** A run's directory: silver, gold users and training, impressions, a quarantine, a report. */
  private void run(Path run) throws IOException {
    file(new Path(new Path(run, BronzeToSilverTool.SILVER), "dt=2026-11-01/part-0.avro"));
    file(new Path(new Path(run, BronzeToSilverTool.SILVER_IMPRESSIONS), "dt=2026-11-01/part-0.avro"));
    Path gold = new Path(run, PipelineJob.GOLD);
    file(new Path(gold, "users/features/dt=2026-11-01/part-0.avro"));
    file(new Path(new Path(gold, TrainingExportJob.DIR), "train/dt=2026-11-01/part-0.avro"));
    file(new Path(BronzeToSilverTool.setApart(run).get(0), "part-m-00000"));
    Files.createDirectories(java.nio.file.Path.of(new Path(run, BronzeToSilverTool.REPORT).toUri()));
  }

  /** The path of the live model's lineage input. */
  Path namedHour() {
    return RawZone.hourPartition(zone.clickstream(), NAMED, 5);
  }

  /** The path of the retired version's lineage input. */
  Path retiredHour() {
    return RawZone.hourPartition(zone.clickstream(), RETIRED, 5);
  }

  boolean exists(Path path) {
    return Files.exists(java.nio.file.Path.of(path.toUri()));
  }

  /** Every file under the tree with its size, by path. */
  Map<String, Long> files() throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
      for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) all::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(dir.relativize(p).toString(), Files.size(p));
        }
      }
    }
    return files;
  }

  private static void file(Path path) throws IOException {
    java.nio.file.Path file = java.nio.file.Path.of(path.toUri());
    Files.createDirectories(file.getParent());
    Files.write(file, "x".repeat(FILE_BYTES).getBytes(StandardCharsets.UTF_8));
  }
}
