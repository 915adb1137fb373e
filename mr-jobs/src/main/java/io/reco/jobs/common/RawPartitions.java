package io.reco.jobs.common;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.CombineTextInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * Finds the {@code <root>/dt=YYYY-MM-DD/hour=HH/} directories of JSON-lines files a job reads (the layout is
 * {@link io.reco.records.raw.RawZone}'s); {@code .manifest} files beside them are not data.
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

  /**
   * Reads the committed files of {@code partitions} (hour or date directories; {@link CommittedFileFilter}) as text
   * lines. Partitions hold many small files: they are packed into splits of up to a block instead of a task each.
   */
  public static void addInputs(Job job, List<Path> partitions) throws IOException {
    job.setInputFormatClass(CombineTextInputFormat.class);
    CombineTextInputFormat.setMaxInputSplitSize(job, job.getConfiguration().getLong("dfs.blocksize", 128L << 20));
    FileInputFormat.setInputPathFilter(job, CommittedFileFilter.class);
    for (Path partition : partitions) {
      FileInputFormat.addInputPath(job, partition);
    }
  }
}
