package io.reco.jobs.common;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;

/** Running a configured job and checking what it left behind. */
public final class Jobs {
  private Jobs() {
  }

  /** Runs {@code job} to completion, quietly; throws when it fails. */
  public static Job run(Job job) throws IOException, InterruptedException {
    try {
      if (!job.waitForCompletion(false)) {
        throw new JobFailedException(job.getJobName() + " failed: " + job.getStatus().getFailureInfo());
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
}
