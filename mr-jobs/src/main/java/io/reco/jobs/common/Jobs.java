package io.reco.jobs.common;

import io.reco.records.RejectReason;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.mapreduce.TableMapReduceUtil;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/** Running a configured job and checking what it left behind. */
public final class Jobs {
  private Jobs() {
  }

  /**
   * {@code conf} with HBase's settings added, loading classes as {@code conf} does. HBaseConfiguration alone would
   * load them with HBase's class loader, which under {@code hadoop jar} on a cluster cannot see the jobs jar.
   */
  public static Configuration withHBase(Configuration conf) {
    Configuration merged = HBaseConfiguration.create(conf);
    merged.setClassLoader(conf.getClassLoader());
    return merged;
  }

  /**
   * A configuration for one of Mahout's own jobs. Mahout names its own jar as each job's jar, which holds none of the
   * jars its tasks need (mahout-math and mahout-hdfs among them); on a cluster they go beside it as the job's extra
   * jars, HBase's {@code addDependencyJars} convention. LocalJobRunner's tasks share this JVM's classpath.
   */
  public static Configuration forMahout(Configuration conf) throws IOException {
    Configuration copy = new Configuration(conf);
    if (!MRConfig.LOCAL_FRAMEWORK_NAME.equals(copy.get(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME))) {
      TableMapReduceUtil.addDependencyJarsForClasses(copy, org.apache.mahout.math.Vector.class,
          org.apache.mahout.math.VarIntWritable.class,
          org.apache.mahout.common.HadoopUtil.class, org.apache.mahout.common.IOUtils.class,
          it.unimi.dsi.fastutil.ints.IntArrayList.class, com.tdunning.math.stats.TDigest.class,
          org.apache.lucene.util.Version.class, org.apache.commons.cli2.Option.class);
    }
    return copy;
  }

  /**
   * Runs {@code job} to completion; throws when it fails. Its progress and counters go to Hadoop's job client log
   * ({@code org.apache.hadoop.mapreduce.Job}, INFO), as {@code hadoop jar} prints them.
   */
  public static Job run(Job job) throws IOException, InterruptedException {
    try (TaskFailures failures = TaskFailures.watch()) {
      if (!job.waitForCompletion(true)) {
        String info = job.getStatus().getFailureInfo();
        throw new JobFailedException(job.getJobName() + " failed: " + failures.first().orElse(
            info == null || info.isBlank() || info.equals("NA") ? "no cause reported; see the task logs" : info));
      }
      awaitLocalCleanup(job);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(job.getJobName() + ": a job class is missing from the job jar", e);
    }
    return job;
  }

  /**
   * LocalJobRunner reports a job done before it deletes the job's staging directory: waits a moment for that, so a
   * caller that removes the directories around it next (a test's temporary directory) does not race the runner.
   */
  private static void awaitLocalCleanup(Job job) throws IOException, InterruptedException {
    String dir = job.getConfiguration().get(MRJobConfig.MAPREDUCE_JOB_DIR);
    if (!"local".equals(job.getConfiguration().get(MRConfig.FRAMEWORK_NAME)) || dir == null) {
      return;
    }
    Path staging = new Path(dir);
    FileSystem fs = staging.getFileSystem(job.getConfiguration());
    for (int i = 0; i < 200 && fs.exists(staging); i++) {
      Thread.sleep(10);
    }
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

  /** The values of every counter of the enums {@code groups} in a finished job, by lower-case name. */
  @SafeVarargs
  public static Map<String, Long> counts(Job job, Class<? extends Enum<?>>... groups) throws IOException {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    for (Class<? extends Enum<?>> group : groups) {
      for (Enum<?> counter : group.getEnumConstants()) {
        counts.put(counter.name().toLowerCase(java.util.Locale.ROOT),
            job.getCounters().findCounter(counter).getValue());
      }
    }
    return counts;
  }
}
