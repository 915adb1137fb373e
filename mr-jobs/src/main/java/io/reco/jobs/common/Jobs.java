package io.reco.jobs.common;

import io.reco.records.RejectReason;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/** Running a configured job and checking what it left behind. */
public final class Jobs {
  private Jobs() {
  }

  /** Runs {@code job} to completion, quietly; throws when it fails. */
  public static Job run(Job job) throws IOException, InterruptedException {
    try (TaskFailures failures = TaskFailures.watch()) {
      if (!job.waitForCompletion(false)) {
        String info = job.getStatus().getFailureInfo();
        throw new JobFailedException(job.getJobName() + " failed: " + failures.first().orElse(
            info == null || info.isBlank() || info.equals("NA") ? "no cause reported; see the task logs" : info));
      }
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(job.getJobName() + ": a job class is missing from the job jar", e);
    }
    return job;
  }

  /** Whether {@code dir} holds at least one non-empty data file (names not starting with _ or .). */
  public static boolean hasData(FileSystem fs, Path dir) throws IOException {
    if (!fs.exists(dir)) {
      return false;
    }
    for (FileStatus status : fs.listStatus(dir)) {
      String name = status.getPath().getName();
      if (status.isFile() && status.getLen() > 0 && !name.startsWith("_") && !name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** The quarantine's reject counts of a finished job, by reason, leaving out reasons that never occurred. */
  public static Map<RejectReason, Long> rejectReasons(Counters counters) {
    Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      long n = counters.findCounter(reason).getValue();
      if (n > 0) {
        reasons.put(reason, n);
      }
    }
    return reasons;
  }

  /** Adds named outputs of JSON lines (or any text) to {@code job}, each written with MultipleOutputs. */
  public static void addTextOutputs(Job job, String... names) {
    for (String name : names) {
      MultipleOutputs.addNamedOutput(job, name, TextOutputFormat.class, NullWritable.class, Text.class);
    }
  }
}
