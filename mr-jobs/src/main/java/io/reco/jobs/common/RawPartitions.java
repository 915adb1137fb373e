package io.reco.jobs.common;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;

/**
 * The raw zone's layout: {@code <root>/dt=YYYY-MM-DD/hour=HH/} directories of JSON-lines files, with
 * {@code .manifest} files beside them that are not data.
 */
public final class RawPartitions {
  /** Accepts data files only: {@code .jsonl}, {@code .json} and their gzipped forms. */
  public static final PathFilter DATA_FILES = p -> {
    String name = p.getName();
    return !name.startsWith("_") && !name.startsWith(".")
        && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".json")
        || name.endsWith(".json.gz"));
  };

  private RawPartitions() {
  }

  /** The partition directory of one date and hour under {@code root}. */
  public static Path partition(Path root, LocalDate date, int hour) {
    return new Path(root, String.format("dt=%s/hour=%02d", date, hour));
  }

  /** The hour directories under {@code root} for the dates {@code from} to {@code to}, both included. */
  public static List<Path> between(FileSystem fs, Path root, LocalDate from, LocalDate to) throws IOException {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    List<Path> hours = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      FileStatus[] found = fs.globStatus(new Path(root, "dt=" + d + "/hour=[0-2][0-9]"));
      if (found != null) {
        for (FileStatus status : found) {
          if (status.isDirectory()) {
            hours.add(status.getPath());
          }
        }
      }
    }
    if (hours.isEmpty()) {
      throw new IllegalArgumentException("no raw partitions under " + root + " for " + from + " to " + to
          + " (expected directories dt=YYYY-MM-DD/hour=HH)");
    }
    return hours;
  }
}
