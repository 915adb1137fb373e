package io.reco.jobs.validate;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.HourRange;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.RawFileInputFormat;
import io.reco.jobs.common.SilverEvents;
import io.reco.records.EventLimits;
import io.reco.records.EventRules;
import io.reco.records.RejectReason;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.FileProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Bronze to silver for the clickstream, first step: reads the committed raw files of a date range, checks every
 * event against its schema and {@link EventRules}, and writes {@code <output>/silver/dt=.../} (Avro
 * {@link InteractionEvent}) and {@code <output>/quarantine/} (JSON lines with reason codes). A map-only job: events
 * are judged one by one, and repeats are the business of {@code clean}, which sees each user's events together.
 * Each file is read whole and checked against its manifest ({@link RawFileInputFormat}); one that disagrees is
 * quarantined whole and named in {@code <output>/files/}, beside the verdict of every other file read. Lines read =
 * events valid + lines quarantined + lines in rejected files, or the job fails.
 *
 * <p>{@code hadoop jar reco-jobs.jar validate --input raw/clickstream --from 2026-11-01 --to 2026-11-07
 * --output silver/run-1}. The rules' settings ({@code reco.events.*}) are the consumer's and the importers'.
 */
@Command(name = ValidateJob.NAME, description = "raw clickstream -> checked events, Avro by date, quarantine")
public final class ValidateJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "validate";
  static final String SILVER = "silver";
  /** Rejected records with their reason, under the job's output. */
  public static final String QUARANTINE = "quarantine";
  /** The output's directory of the service's impressions, Avro by date: set apart from the events. */
  public static final String IMPRESSIONS = "impressions";
  /** Where each map task writes its {@link io.reco.jobs.quality.RecordProfile}, one JSON line. */
  public static final String PROFILE = "profile";
  /** Where each file read has its verdict, one JSON line ({@link RawFileVerdicts}). */
  public static final String FILES = "files";

  /** What one run counted. */
  public record Result(long linesRead, long valid, long impressions, long quarantined, long filesRejected,
      long linesInRejectedFiles,
      Map<RejectReason, Long> reasons, Map<FileProblem, Long> fileProblems) {
  }

  /** Builds the job over the given hour directories without running it. */
  public static Job createJob(Configuration conf, List<Path> inputs, Path output) throws IOException {
    Configuration jobConf = new Configuration(conf);
    jobConf.setLong(EventRules.NOW, EventRules.clock(conf));
    EventRules.ofRun(jobConf);
    EventLimits.from(jobConf);
    Job job = Job.getInstance(jobConf, NAME);
    job.setJarByClass(ValidateJob.class);
    RawFileInputFormat.addInputs(job, inputs);
    job.setMapperClass(ValidateMapper.class);
    job.setNumReduceTasks(0);
    SilverEvents.output(job, output);
    Jobs.addTextOutputs(job, QUARANTINE, PROFILE, FILES);
    return job;
  }

  /** Reads the counters of a finished job and checks that they reconcile. */
  public static Result check(Job job) throws IOException {
    Counters counters = job.getCounters();
    long read = counters.findCounter(ValidateCounters.LINES_READ).getValue();
    long valid = counters.findCounter(ValidateCounters.EVENTS_VALID).getValue();
    long impressions = counters.findCounter(ValidateCounters.IMPRESSIONS).getValue();
    long quarantined = counters.findCounter(ValidateCounters.LINES_QUARANTINED).getValue();
    long filesRejected = counters.findCounter(ValidateCounters.FILES_REJECTED).getValue();
    long inRejected = counters.findCounter(ValidateCounters.LINES_IN_REJECTED_FILES).getValue();
    Map<RejectReason, Long> reasons = Jobs.rejectReasons(counters);
    Map<FileProblem, Long> problems = new EnumMap<>(FileProblem.class);
    for (FileProblem problem : FileProblem.values()) {
      long n = counters.findCounter(problem).getValue();
      if (n > 0) {
        problems.put(problem, n);
      }
    }
    if (read != valid + impressions + quarantined + inRejected) {
      throw new JobFailedException(NAME + ": counts do not reconcile: read " + read + " != valid " + valid
          + " + impressions " + impressions + " + quarantined " + quarantined + " + in rejected files " + inRejected);
    }
    return new Result(read, valid, impressions, quarantined, filesRejected, inRejected, reasons, problems);
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
    out.printf("%s: read %d lines: %d valid, %s%d quarantined %s%s%n", NAME, r.linesRead(), r.valid(),
        r.impressions() == 0 ? "" : r.impressions() + " service impressions set apart, ", r.quarantined(),
        r.reasons(), r.filesRejected() == 0 ? "" : String.format("; %d files quarantined whole %s (%d lines)",
        r.filesRejected(), r.fileProblems(), r.linesInRejectedFiles()));
  }
}
