package io.reco.jobs.interactions;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.HourRange;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.RawPartitions;
import io.reco.records.EventRules;
import io.reco.records.RejectReason;
import io.reco.records.Settings;
import io.reco.records.raw.Quarantine;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Reads the raw clickstream of a date range and aggregates it per (user, item).
 *
 * <p>Writes {@code <output>/pairs} ({@link UserItemPair} lines), {@code <output>/prefs} (Mahout's input) and
 * {@code <output>/quarantine} (rejected lines with their reasons). Fails when the share of quarantined lines
 * passes {@value #MAX_QUARANTINE_RATE}.
 *
 * <p>{@code hadoop jar reco-jobs.jar interactions --input raw/clickstream --from 2026-11-01 --to 2026-11-07
 * --output work/interactions}
 */
@Command(name = InteractionsJob.NAME, description = "raw clickstream -> per user-item pairs, Mahout prefs, quarantine")
public final class InteractionsJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "interactions";
  /** Highest share of quarantined lines (0 to 1) before the job fails. */
  public static final String MAX_QUARANTINE_RATE = "reco.quarantine.max-rate";

  /** What one run read and wrote; {@code linesRead == eventsUsed + quarantined}. */
  public record Result(long linesRead, long eventsUsed, long quarantined, long pairs,
      Map<RejectReason, Long> reasons) {
  }

  /** Builds the job over the given hour directories without running it. */
  public static Job createJob(Configuration conf, List<Path> inputs, Path output) throws IOException {
    maxQuarantineRate(conf);
    Configuration jobConf = new Configuration(conf);
    jobConf.setLong(EventRules.NOW, EventRules.clock(conf));
    EventRules.ofRun(jobConf);
    Job job = Job.getInstance(jobConf, NAME);
    job.setJarByClass(InteractionsJob.class);
    RawPartitions.addInputs(job, inputs);
    job.setMapperClass(InteractionsMapper.class);
    job.setCombinerClass(PairStatsCombiner.class);
    job.setReducerClass(InteractionsReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(PairStats.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(Text.class);
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    Jobs.addTextOutputs(job, InteractionsReducer.PAIRS, InteractionsReducer.PREFS, Quarantine.OUTPUT);
    return job;
  }

  /** Reads the counters of a finished job, checks they reconcile and that the quarantine rate is acceptable. */
  public static Result check(Job job) throws IOException {
    Counters counters = job.getCounters();
    long read = counters.findCounter(InteractionsCounters.LINES_READ).getValue();
    long used = counters.findCounter(InteractionsCounters.EVENTS_USED).getValue();
    long quarantined = counters.findCounter(InteractionsCounters.LINES_QUARANTINED).getValue();
    long pairs = counters.findCounter(InteractionsCounters.PAIRS).getValue();
    Map<RejectReason, Long> reasons = Jobs.rejectReasons(counters);
    if (read != used + quarantined) {
      throw new JobFailedException(NAME + ": counts do not reconcile: read " + read + " != used " + used
          + " + quarantined " + quarantined);
    }
    if (read == 0) {
      throw new JobFailedException(NAME + ": the input holds no lines");
    }
    double rate = (double) quarantined / read;
    double max = maxQuarantineRate(job.getConfiguration());
    if (rate > max) {
      throw new JobFailedException(String.format("%s: %d of %d lines (%.2f%%) quarantined, above %s=%.2f%%; "
          + "reasons %s; see %s", NAME, quarantined, read, rate * 100, MAX_QUARANTINE_RATE, max * 100, reasons,
          new Path(FileOutputFormat.getOutputPath(job), Quarantine.OUTPUT)));
    }
    return new Result(read, used, quarantined, pairs, reasons);
  }

  /** The quarantine threshold, validated. */
  static double maxQuarantineRate(Configuration conf) {
    double max = Settings.getDouble(conf, MAX_QUARANTINE_RATE);
    if (!(max >= 0 && max <= 1)) {
      throw new IllegalArgumentException(MAX_QUARANTINE_RATE + " must be between 0 and 1, was " + max);
    }
    return max;
  }

  @Mixin
  private HourRange range;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Job job = Jobs.run(createJob(getConf(), range.hours(getConf()), output));
    print(System.out, check(job));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: read %d lines: %d events used, %d quarantined %s; %d user-item pairs%n", NAME, r.linesRead(),
        r.eventsUsed(), r.quarantined(), r.reasons(), r.pairs());
  }
}
