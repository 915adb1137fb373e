package io.reco.jobs.validate;

import io.reco.ingest.common.Args;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.RawPartitions;
import io.reco.jobs.common.SilverEvents;
import io.reco.schema.RejectReason;
import io.reco.schema.avro.InteractionEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.Tool;

/**
 * Bronze to silver for the clickstream, first step: reads the committed raw files of a date range, checks every
 * event against its schema and {@link EventRules}, and writes {@code <output>/silver/dt=.../} (Avro
 * {@link InteractionEvent}) and {@code <output>/quarantine/} (JSON lines with reason codes). A map-only job: events
 * are judged one by one, and repeats are the business of {@code clean}, which sees each user's events together.
 * Lines read = events valid + lines quarantined, or the job fails.
 *
 * <p>{@code hadoop jar reco-jobs.jar validate --input raw/clickstream --from 2026-11-01 --to 2026-11-07
 * --output silver/run-1}. Settings: {@value #EARLIEST} (default {@value #DEFAULT_EARLIEST}), {@value #NOW}
 * (epoch ms, default the submission time) and {@value #MAX_FUTURE_MS} (default one hour).
 */
public final class ValidateJob extends Configured implements Tool {
  /** Name in the job driver. */
  public static final String NAME = "validate";
  /** The earliest believable event date, {@code YYYY-MM-DD}. */
  public static final String EARLIEST = "reco.validate.earliest";
  /** Default of {@link #EARLIEST}. */
  public static final String DEFAULT_EARLIEST = "2000-01-01";
  /** The run's clock, epoch ms; events later than it plus {@link #MAX_FUTURE_MS} are rejected. */
  public static final String NOW = "reco.validate.now";
  /** Tolerated clock skew of event sources, ms. */
  public static final String MAX_FUTURE_MS = "reco.validate.max-future-ms";
  /** Default of {@link #MAX_FUTURE_MS}: an hour. */
  public static final long DEFAULT_MAX_FUTURE_MS = 3_600_000L;
  static final String SILVER = "silver";
  static final String QUARANTINE = "quarantine";
  /** Where each map task writes its {@link io.reco.jobs.quality.RecordProfile}, one JSON line. */
  public static final String PROFILE = "profile";

  /** What one run counted. */
  public record Result(long linesRead, long valid, long quarantined, Map<RejectReason, Long> reasons) {
  }

  /** The rules of a run, from its configuration: its time window serves every source of the run. */
  public static EventRules rules(Configuration conf) {
    LocalDate earliest;
    try {
      earliest = LocalDate.parse(conf.get(EARLIEST, DEFAULT_EARLIEST));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(EARLIEST + " must be a date YYYY-MM-DD, was '" + conf.get(EARLIEST) + "'");
    }
    long skew = conf.getLong(MAX_FUTURE_MS, DEFAULT_MAX_FUTURE_MS);
    if (skew < 0) {
      throw new IllegalArgumentException(MAX_FUTURE_MS + " must be 0 or more, was " + skew);
    }
    long now = conf.getLong(NOW, System.currentTimeMillis());
    return new EventRules(earliest.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), now + skew);
  }

  /** Builds the job over the given hour directories without running it. */
  public static Job createJob(Configuration conf, List<Path> inputs, Path output) throws IOException {
    Configuration jobConf = new Configuration(conf);
    jobConf.setLong(NOW, conf.getLong(NOW, System.currentTimeMillis()));
    rules(jobConf);
    Job job = Job.getInstance(jobConf, NAME);
    job.setJarByClass(ValidateJob.class);
    RawPartitions.addInputs(job, inputs);
    job.setMapperClass(ValidateMapper.class);
    job.setNumReduceTasks(0);
    SilverEvents.output(job, output);
    Jobs.addTextOutputs(job, QUARANTINE, PROFILE);
    return job;
  }

  /** Reads the counters of a finished job and checks that they reconcile. */
  public static Result check(Job job) throws IOException {
    Counters counters = job.getCounters();
    long read = counters.findCounter(ValidateCounters.LINES_READ).getValue();
    long valid = counters.findCounter(ValidateCounters.EVENTS_VALID).getValue();
    long quarantined = counters.findCounter(ValidateCounters.LINES_QUARANTINED).getValue();
    Map<RejectReason, Long> reasons = Jobs.rejectReasons(counters);
    if (read != valid + quarantined) {
      throw new JobFailedException(NAME + ": counts do not reconcile: read " + read + " != valid " + valid
          + " + quarantined " + quarantined);
    }
    return new Result(read, valid, quarantined, reasons);
  }

  @Override
  public int run(String[] argv) throws Exception {
    Args args = Args.parse(NAME, argv, Args.names("input", "from", "to", "output"));
    List<Path> inputs = RawPartitions.fromArgs(getConf(), args);
    Job job = Jobs.run(createJob(getConf(), inputs, new Path(args.required("output"))));
    print(System.out, check(job));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: read %d lines: %d valid, %d quarantined %s%n", NAME, r.linesRead(), r.valid(), r.quarantined(),
        r.reasons());
  }
}
