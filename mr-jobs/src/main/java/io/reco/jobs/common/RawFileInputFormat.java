package io.reco.jobs.common;

import io.reco.records.Settings;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.CombineFileRecordReader;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * Reads committed raw files as lines, each file whole and checked against its manifest in the same pass
 * ({@link ManifestCheckedReader}): many small files are packed into one split of up to a block, and no file is split,
 * since its checksum covers all of it. Lines longer than {@value #MAX_LINE_BYTES} are cut there and flagged, so one
 * line cannot cost more memory than that.
 */
public final class RawFileInputFormat extends CombineFileInputFormat<RawLine, Text> {
  /** The longest line read whole, in bytes. */
  public static final String MAX_LINE_BYTES = "reco.raw.max-line-bytes";

  /** Reads the committed files of {@code partitions} (hour or date directories) with this format. */
  public static void addInputs(Job job, List<Path> partitions) throws IOException {
    maxLineBytes(job.getConfiguration());
    job.setInputFormatClass(RawFileInputFormat.class);
    setMaxInputSplitSize(job, job.getConfiguration().getLong("dfs.blocksize", 128L << 20));
    FileInputFormat.setInputPathFilter(job, CommittedFileFilter.class);
    for (Path partition : partitions) {
      FileInputFormat.addInputPath(job, partition);
    }
  }

  /** The line-length bound, validated. */
  public static int maxLineBytes(Configuration conf) {
    int max = Settings.getInt(conf, MAX_LINE_BYTES);
    if (max < 1024 || max > (1 << 30)) {
      throw new IllegalArgumentException(MAX_LINE_BYTES + " must be 1024 to 2^30 bytes, was " + max);
    }
    return max;
  }

  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return false;
  }

  @Override
  public RecordReader<RawLine, Text> createRecordReader(InputSplit split, TaskAttemptContext context)
      throws IOException {
    return new CombineFileRecordReader<>((CombineFileSplit) split, context, ManifestCheckedReader.class);
  }
}
