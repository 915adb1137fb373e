package io.reco.jobs.clean;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.SilverEvents;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The second half of bronze to silver: reads validated events ({@code <input>/dt=.../*.avro}), judges each user's
 * timeline ({@link UserTimeline}) and writes {@code <output>/silver/dt=.../} (Avro), {@code <output>/duplicates/},
 * {@code <output>/near-duplicates/} and {@code <output>/bots/} (JSON lines with the reason). Events read = clean +
 * duplicates + near duplicates + bot events, or the job fails. Exact duplicates share their event_id and their user:
 * an id reused by another user's event is not one. Settings: {@value #MAX_EVENTS_PER_MINUTE} (default 120),
 * {@value #MAX_QUICK_VIEWS} (default 20), {@value #DUPLICATE_WINDOW_MS} (default 1000).
 *
 * <p>{@code hadoop jar reco-jobs.jar clean --input validated/silver --output clean}
 */
@Command(name = CleanJob.NAME, description = "validated events -> near duplicates and bots out, clean Avro by date")
public final class CleanJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "clean";
  /** Events in any 60 s above which a user is a bot. */
  public static final String MAX_EVENTS_PER_MINUTE = "reco.clean.max-events-per-minute";
  /** Views less than a second after the previous view above which a user is a bot. */
  public static final String MAX_QUICK_VIEWS = "reco.clean.max-quick-views";
  /** How close a repeat of the same product and event type must be to be a near duplicate, ms. */
  public static final String DUPLICATE_WINDOW_MS = "reco.clean.duplicate-window-ms";
  /** The reason of a near duplicate in its quarantine record; exact duplicates carry {@code DUPLICATE_ID}. */
  public static final String NEAR_DUPLICATE = "NEAR_DUPLICATE";
  /** The reason of an event of a bot in its quarantine record. */
  public static final String BOT = "BOT";
  static final String SILVER = "silver";
  /** Named outputs allow letters and digits only; the directory is {@code near-duplicates}. */
  static final String NEAR_DUPLICATES = "nearduplicates";
  static final String BOTS = "bots";
  static final String DUPLICATES = "duplicates";

  /** What one run counted; {@code read == clean + duplicates + nearDuplicates + botEvents}. */
  public record Result(long read, long clean, long duplicates, long nearDuplicates, long botEvents, long botUsers) {
  }

  /** The heuristics of a run, from its configuration. */
  static UserTimeline timeline(Configuration conf) {
    int perMinute = Settings.getInt(conf, MAX_EVENTS_PER_MINUTE);
    int quickViews = Settings.getInt(conf, MAX_QUICK_VIEWS);
    long window = Settings.getLong(conf, DUPLICATE_WINDOW_MS);
    if (perMinute < 1 || quickViews < 0 || window < 0) {
      throw new IllegalArgumentException(MAX_EVENTS_PER_MINUTE + " must be 1 or more, " + MAX_QUICK_VIEWS + " and "
          + DUPLICATE_WINDOW_MS + " 0 or more");
    }
    return new UserTimeline(perMinute, quickViews, window);
  }

  /** Builds the job without running it. */
  public static Job createJob(Configuration conf, Path input, Path output) throws IOException {
    timeline(conf);
    Job job = Job.getInstance(conf, NAME);
    job.setJarByClass(CleanJob.class);
    job.setInputFormatClass(AvroKeyInputFormat.class);
    AvroJob.setInputKeySchema(job, InteractionEvent.getClassSchema());
    FileInputFormat.setInputDirRecursive(job, true);
    FileInputFormat.addInputPath(job, input);
    job.setMapperClass(CleanMapper.class);
    job.setReducerClass(CleanReducer.class);
    SilverEvents.shuffleByText(job);
    SilverEvents.output(job, output);
    Jobs.addTextOutputs(job, DUPLICATES, NEAR_DUPLICATES, BOTS);
    return job;
  }

  /** Reads the counters of a finished job and checks that they reconcile. */
  public static Result check(Job job) throws IOException {
    Counters c = job.getCounters();
    Result r = new Result(c.findCounter(CleanCounters.EVENTS_READ).getValue(),
        c.findCounter(CleanCounters.EVENTS_CLEAN).getValue(), c.findCounter(CleanCounters.DUPLICATES).getValue(),
        c.findCounter(CleanCounters.NEAR_DUPLICATES).getValue(),
        c.findCounter(CleanCounters.BOT_EVENTS).getValue(), c.findCounter(CleanCounters.BOT_USERS).getValue());
    if (r.read() != r.clean() + r.duplicates() + r.nearDuplicates() + r.botEvents()) {
      throw new JobFailedException(NAME + ": counts do not reconcile: read " + r.read() + " != clean " + r.clean()
          + " + duplicates " + r.duplicates() + " + near duplicates " + r.nearDuplicates() + " + bot events "
          + r.botEvents());
    }
    return r;
  }

  @Option(names = "--input", required = true, description = "Validated silver events (Avro).")
  private Path input;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Job job = Jobs.run(createJob(getConf(), input, output));
    print(System.out, check(job));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: read %d events: %d clean, %d duplicates, %d near duplicates, %d from %d bot users%n", NAME,
        r.read(), r.clean(), r.duplicates(), r.nearDuplicates(), r.botEvents(), r.botUsers());
  }
}
