package io.reco.jobs.common;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;

/**
 * Finds the {@code <root>/dt=YYYY-MM-DD/hour=HH/} directories of JSON-lines files a job reads (the layout is
 * {@link io.reco.records.raw.RawZone}'s; {@link RawInventory} lists them); {@code .manifest} files beside them are
 * not data. {@link RawFileInputFormat} reads them.
 */
public final class RawPartitions {
  /** Accepts data files only: {@code .jsonl}, {@code .json}, their gzipped forms, and {@code .csv}. */
  public static final PathFilter DATA_FILES = p -> {
    String name = p.getName();
    return !name.startsWith("_") && !name.startsWith(".")
        && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".json")
        || name.endsWith(".json.gz") || name.endsWith(".csv"));
  };

  private RawPartitions() {
  }

  /** The hour directories under {@code root} for the dates {@code from} to {@code to}, both included. */
  public static List<Path> between(FileSystem fs, Path root, LocalDate from, LocalDate to) throws IOException {
    return RawInventory.of(fs, root, from, to).partitions();
  }
}
