package io.reco.jobs.retention;

import io.reco.ingest.raw.PartitionSeal;
import io.reco.jobs.pipeline.PipelineJob;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.jobs.training.TrainingExportJob;
import io.reco.quality.QualityReport;
import io.reco.records.raw.RawFiles;
import io.reco.records.raw.RawZone;
import io.reco.schema.ModelRegistry;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Where each retention class lives, found on any Hadoop file system, and what deleting a unit means there.
 * <ul>
 *   <li>raw: the raw zone's {@code clickstream/dt=}, {@code transactions/dt=}, {@code changes/<entity>/dt=},
 *       {@code external/<source>/dt=} and {@code master/<entity>/snapshot=}, by their dates ({@link RawZone});
 *       the newest snapshot and pull, and the changes not yet merged into a snapshot, are held;</li>
 *   <li>quarantine: the raw zone's {@code quarantine/<source>/dt=}, and in each run the records it set apart
 *       ({@link BronzeToSilverTool#setApart});</li>
 *   <li>in each run directory under the pipeline's work root (named by its model version, else dated by its quality
 *       report): training ({@code gold/training}), serving logs ({@code silver/impressions}), and the run's
 *       features and everything else, which goes with the directory.</li>
 * </ul>
 */
final class RetentionScan {
  /**
   * A unit and where it is: deleting it deletes {@code path} but for the parts listed in {@code except}, which are
   * units of their own.
   */
  record Found(RetentionUnit unit, Path path, List<Path> except) {
  }

  /** What the scan found, and the entries it left alone because they are named like no partition or run. */
  record Scan(List<Found> units, List<String> ignored) {
  }

  private final FileSystem fs;
  private final List<Found> units = new ArrayList<>();
  private final List<String> ignored = new ArrayList<>();

  private RetentionScan(FileSystem fs) {
    this.fs = fs;
  }

  /** The units of the raw zone at {@code root}. */
  static Scan raw(FileSystem fs, Path root) throws IOException {
    RetentionScan scan = new RetentionScan(fs);
    RawZone zone = new RawZone(fs.makeQualified(root));
    scan.dated(zone.clickstream(), RetentionClass.RAW, d -> null);
    scan.dated(zone.transactions(), RetentionClass.RAW, d -> null);
    for (Path entity : scan.children(zone.changes())) {
      Optional<LocalDate> base = scan.latest(zone, entity.getName());
      // a merge reads the changes from the day before its base snapshot on (SnapshotMerge)
      scan.dated(entity, RetentionClass.RAW, d -> base.isEmpty() ? "no snapshot of " + entity.getName()
          + " has merged them" : d.isBefore(base.get().minusDays(1)) ? null : "not merged into a snapshot yet");
    }
    for (Path source : scan.children(zone.external())) {
      LocalDate newest = scan.newest(source);
      scan.dated(source, RetentionClass.RAW, d -> d.equals(newest) ? "the newest pull of " + source.getName()
          : null);
    }
    for (Path entity : scan.children(zone.master())) {
      Optional<LocalDate> latest = scan.latest(zone, entity.getName());
      for (Path snapshot : scan.children(entity)) {
        LocalDate date = parse(snapshot, RawZone::snapshotDate);
        if (date == null) {
          scan.ignored.add(snapshot.toString());
          continue;
        }
        String hold = latest.isEmpty() ? "no " + RawZone.LATEST + " names the snapshot in use"
            : date.isBefore(latest.get()) ? null : "the newest snapshot (" + RawZone.LATEST + ") or a newer one";
        scan.add(RetentionClass.RAW, snapshot, date, null, hold, List.of());
      }
    }
    for (Path source : scan.children(zone.quarantine())) {
      scan.dated(source, RetentionClass.QUARANTINE, d -> null);
    }
    return new Scan(List.copyOf(scan.units), List.copyOf(scan.ignored));
  }

  /** The units of the pipeline's runs under {@code work}. */
  static Scan runs(FileSystem fs, Path work) throws IOException {
    RetentionScan scan = new RetentionScan(fs);
    for (Path run : scan.children(fs.makeQualified(work))) {
      LocalDate date = scan.runDate(run);
      if (date == null) {
        scan.ignored.add(run.toString());
        continue;
      }
      List<Path> parts = new ArrayList<>();
      Path training = new Path(new Path(run, PipelineJob.GOLD), TrainingExportJob.DIR);
      if (fs.exists(training)) {
        scan.add(RetentionClass.TRAINING, training, date, run, null, List.of());
        parts.add(training);
      }
      Path impressions = new Path(run, BronzeToSilverTool.SILVER_IMPRESSIONS);
      if (fs.exists(impressions)) {
        scan.add(RetentionClass.SERVING_LOGS, impressions, date, run, null, List.of());
        parts.add(impressions);
      }
      for (Path setApart : BronzeToSilverTool.setApart(run)) {
        if (fs.exists(setApart)) {
          scan.add(RetentionClass.QUARANTINE, setApart, date, run, null, List.of());
          parts.add(setApart);
        }
      }
      scan.add(RetentionClass.FEATURES, run, date, run, null, parts);
    }
    return new Scan(List.copyOf(scan.units), List.copyOf(scan.ignored));
  }

  /** A unit's bytes (but its parts') and its files still being written. */
  static RetentionPolicy.Size size(FileSystem fs, Found found) throws IOException {
    long bytes = 0;
    long open = 0;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(found.path(), true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      if (inAny(file.getPath(), found.except())) {
        continue;
      }
      bytes += file.getLen();
      if (PartitionSeal.isOpen(file.getPath().getName())) {
        open++;
      }
    }
    return new RetentionPolicy.Size(bytes, open);
  }

  /** Deletes a unit: its path, or, when parts of it are kept, everything in it but those. */
  static void delete(FileSystem fs, Found found) throws IOException {
    List<Path> kept = new ArrayList<>();
    for (Path part : found.except()) {
      if (fs.exists(part)) {
        kept.add(part);
      }
    }
    deleteBut(fs, found.path(), kept);
  }

  private static void deleteBut(FileSystem fs, Path dir, List<Path> kept) throws IOException {
    if (kept.isEmpty()) {
      if (!fs.delete(dir, true) && fs.exists(dir)) {
        throw new IOException("could not delete " + dir);
      }
      return;
    }
    for (FileStatus child : fs.listStatus(dir)) {
      Path path = child.getPath();
      if (inAny(path, kept)) {
        continue;
      }
      List<Path> inside = kept.stream().filter(k -> Protection.within(key(k), key(path))).toList();
      deleteBut(fs, path, inside);
    }
  }

  /** The path of {@code path} without scheme and authority, as lineages are matched. */
  static String key(Path path) {
    return path.toUri().getPath();
  }

  /** The key of a lineage's path: a relative one is taken as relative to {@code fs}'s working directory. */
  static Function<String, String> lineageKeys(FileSystem fs) {
    return text -> {
      Path path = new Path(text);
      return key(path.isUriPathAbsolute() ? path : new Path(fs.getWorkingDirectory(), path));
    };
  }

  private static boolean inAny(Path path, List<Path> dirs) {
    String key = key(path);
    return dirs.stream().anyMatch(d -> Protection.within(key, key(d)));
  }

  /** The {@code dt=} partitions of {@code parent}, each with the hold {@code hold} gives its date. */
  private void dated(Path parent, RetentionClass type, Function<LocalDate, String> hold) throws IOException {
    for (Path partition : children(parent)) {
      LocalDate date = parse(partition, RawZone::dateOf);
      if (date == null) {
        ignored.add(partition.toString());
      } else {
        add(type, partition, date, null, hold.apply(date), List.of());
      }
    }
  }

  private void add(RetentionClass type, Path path, LocalDate date, Path run, String hold, List<Path> except) {
    units.add(new Found(new RetentionUnit(path.toString(), key(path), key(run != null ? run : path), type, date,
        run == null ? null : run.getName(), hold), path, List.copyOf(except)));
  }

  /** The day of a run: its version's time, else its quality report's; null for a directory that is no run. */
  private LocalDate runDate(Path run) throws IOException {
    Optional<Instant> time = ModelRegistry.timeOf(run.getName());
    if (time.isEmpty()) {
      QualityReport report;
      try {
        report = BronzeToSilverTool.report(fs, run);
      } catch (IOException | RuntimeException e) {
        return null;
      }
      if (report == null || report.generatedAt() == null) {
        return null;
      }
      try {
        time = Optional.of(Instant.parse(report.generatedAt()));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return LocalDate.ofInstant(time.get(), ZoneOffset.UTC);
  }

  private Optional<LocalDate> latest(RawZone zone, String entity) throws IOException {
    Path snapshot = zone.latestSnapshot(fs, entity);
    return Optional.ofNullable(snapshot == null ? null : RawZone.snapshotDate(snapshot));
  }

  private LocalDate newest(Path source) throws IOException {
    LocalDate newest = null;
    for (Path partition : children(source)) {
      LocalDate date = parse(partition, RawZone::dateOf);
      if (date != null && (newest == null || date.isAfter(newest))) {
        newest = date;
      }
    }
    return newest;
  }

  /** The directories in {@code dir} but bookkeeping ones, by name; none when it does not exist. */
  private List<Path> children(Path dir) throws IOException {
    if (!fs.exists(dir)) {
      return List.of();
    }
    FileStatus[] entries = fs.listStatus(dir, p -> !RawFiles.isHidden(p.getName()));
    return Arrays.stream(entries).filter(FileStatus::isDirectory).map(FileStatus::getPath)
        .sorted(Comparator.comparing(Path::getName)).toList();
  }

  private static LocalDate parse(Path path, Function<Path, LocalDate> dateOf) {
    try {
      return dateOf.apply(path);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
