package io.reco.jobs.clean;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The second half of bronze to silver: reads validated events ({@code <input>/dt=.../*.avro}), judges each user's
 * history and writes {@code <output>/silver/dt=.../} (Avro), {@code <output>/duplicates/},
 * {@code <output>/conflicts/}, {@code <output>/near-duplicates/} and {@code <output>/bots/} (JSON lines with the
 * reason). Events read = clean + duplicates + conflicts + near duplicates + bot events, or the run fails.
 * Settings: {@value #MAX_EVENTS_PER_MINUTE},
 * {@value #MAX_QUICK_VIEWS}, {@value #DUPLICATE_WINDOW_MS} (defaults in reco-default.xml).
 *
 * <p>Memory does not grow with a user's history, however long (bots are the users with the longest ones): no task
 * holds a user's events, each rule streams them in an order the shuffle provides, keyed by user with a
 * {@link TaggedKey}. Two passes, because the rules need two orders:
 * <ol>
 * <li>Event ids ({@link EventIdMapper}, {@link EventIdReducer}): the copies of each event_id together, by user,
 * however far apart in time; of one user's copies {@link EarliestCopy} keeps the earliest (ties by JSON form) and
 * the others go to {@code duplicates/}. An id carried by two users' events is a conflict, not a duplicate: its copies
 * go to {@code conflicts/}. The kept events go to a work directory beside the output.
 * <li>Timelines ({@link TimelineMapper}, {@link TimelineReducer}): each kept event is shuffled twice, as its bare
 * time and as the event, both in time order, all of a user's times first. The reducer feeds the times to
 * {@link BotDetector}, which keeps one minute of them, so the verdict is final before the first event arrives: all
 * of a bot's events stream to {@code bots/}, none to silver, and nobody else's do. Other users' events stream
 * through {@link NearDuplicates}, which keeps one window of them.
 * </ol>
 * The second pass also writes into the work directory; the duplicates are moved beside its outputs and the whole
 * renamed to the output, so the output appears complete or not at all. The bare times cost a second record per
 * event in the shuffle, a few bytes each: the price of judging a user before writing any of their events.
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
  /** The tag of an event's bare time: a user's times sort before their events. */
  static final byte TIME = 0;
  /** The tag of an event. */
  static final byte EVENT = 1;
  static final String SILVER = "silver";
  /** Named outputs allow letters and digits only; the directory is {@code near-duplicates}. */
  static final String NEAR_DUPLICATES = "nearduplicates";
  /** The output's directory (and named output) of the bots' events, JSON lines with the reason. */
  public static final String BOTS = "bots";
  /** The output's directory (and named output) of the exact duplicates. */
  public static final String DUPLICATES = "duplicates";
  /** The output's directory (and named output) of the events whose event_id other users' events carry. */
  public static final String CONFLICTS = "conflicts";
  /** The output's directory of the near duplicates. */
  public static final String NEAR_DUPLICATES_DIR = "near-duplicates";
  /** The first pass's one event of each id, in the work directory. */
  static final String KEPT = "kept";

  /** What one run counted; {@code read == clean + duplicates + conflicts + nearDuplicates + botEvents}. */
  public record Result(long read, long clean, long duplicates, long conflicts, long nearDuplicates, long botEvents,
      long botUsers) {
  }

  /** The heuristics of a run, from its configuration; the error names the settings. */
  static CleanRules rules(Configuration conf) {
    int perMinute = Settings.getInt(conf, MAX_EVENTS_PER_MINUTE);
    int quickViews = Settings.getInt(conf, MAX_QUICK_VIEWS);
    long window = Settings.getLong(conf, DUPLICATE_WINDOW_MS);
    if (perMinute < 1 || quickViews < 0 || window < 0) {
      throw new IllegalArgumentException(MAX_EVENTS_PER_MINUTE + " must be 1 or more, " + MAX_QUICK_VIEWS + " and "
          + DUPLICATE_WINDOW_MS + " 0 or more");
    }
    return new CleanRules(perMinute, quickViews, window);
  }

  /** Builds the first pass without running it: duplicates out, one event per id into {@code <work>/kept/}. */
  public static Job createEventIdsJob(Configuration conf, Path input, Path work) throws IOException {
    rules(conf);
    Job job = Job.getInstance(conf, NAME + ": event ids");
    job.setJarByClass(CleanJob.class);
    SilverEvents.input(job, input);
    job.setMapperClass(EventIdMapper.class);
    TaggedKey.shuffle(job);
    AvroJob.setMapOutputValueSchema(job, InteractionEvent.getClassSchema());
    job.setReducerClass(EventIdReducer.class);
    SilverEvents.output(job, work);
    Jobs.addTextOutputs(job, DUPLICATES, CONFLICTS);
    return job;
  }

  /** Builds the second pass over the {@code kept} events without running it: bots and near duplicates out. */
  public static Job createTimelinesJob(Configuration conf, Path kept, Path output) throws IOException {
    rules(conf);
    Job job = Job.getInstance(conf, NAME + ": timelines");
    job.setJarByClass(CleanJob.class);
    SilverEvents.input(job, kept);
    job.setMapperClass(TimelineMapper.class);
    TaggedKey.shuffle(job);
    job.setMapOutputValueClass(BytesWritable.class);
    job.setReducerClass(TimelineReducer.class);
    SilverEvents.output(job, output);
    Jobs.addTextOutputs(job, NEAR_DUPLICATES, BOTS);
    return job;
  }

  /** Runs both passes from validated events in {@code input} to {@code output}, which must not exist. */
  public static Result run(Configuration conf, Path input, Path output) throws IOException, InterruptedException {
    FileSystem fs = output.getFileSystem(conf);
    if (fs.exists(output)) {
      throw new FileAlreadyExistsException(NAME + ": output directory " + output + " already exists");
    }
    Path work = new Path(output.getParent(), output.getName() + "-work");
    fs.delete(work, true); // what a failed run left
    Path ids = new Path(work, "event-ids");
    Path timelines = new Path(work, "timelines");
    Job first = Jobs.run(createEventIdsJob(conf, input, ids));
    fs.mkdirs(new Path(ids, KEPT)); // no events, no files: the second pass then reads none
    Job second = Jobs.run(createTimelinesJob(conf, new Path(ids, KEPT), timelines));
    for (String rejects : new String[] {DUPLICATES, CONFLICTS}) {
      Path written = new Path(ids, rejects);
      if (fs.exists(written)) {
        rename(fs, written, new Path(timelines, rejects));
      }
    }
    rename(fs, timelines, output);
    fs.delete(work, true);
    return check(first, second);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException(NAME + ": could not move " + from + " to " + to);
    }
  }

  /** Reads the counters of both finished passes and checks that they reconcile. */
  public static Result check(Job eventIds, Job timelines) throws IOException {
    Counters ids = eventIds.getCounters();
    Counters c = timelines.getCounters();
    Result r = new Result(ids.findCounter(CleanCounters.EVENTS_READ).getValue(),
        c.findCounter(CleanCounters.EVENTS_CLEAN).getValue(), ids.findCounter(CleanCounters.DUPLICATES).getValue(),
        ids.findCounter(CleanCounters.CONFLICTS).getValue(), c.findCounter(CleanCounters.NEAR_DUPLICATES).getValue(),
        c.findCounter(CleanCounters.BOT_EVENTS).getValue(), c.findCounter(CleanCounters.BOT_USERS).getValue());
    if (r.read() != r.clean() + r.duplicates() + r.conflicts() + r.nearDuplicates() + r.botEvents()) {
      throw new JobFailedException(NAME + ": counts do not reconcile: read " + r.read() + " != clean " + r.clean()
          + " + duplicates " + r.duplicates() + " + conflicts " + r.conflicts() + " + near duplicates "
          + r.nearDuplicates() + " + bot events " + r.botEvents());
    }
    return r;
  }

  @Option(names = "--input", required = true, description = "Validated silver events (Avro).")
  private Path input;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    print(System.out, run(getConf(), input, output));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: read %d events: %d clean, %d duplicates, %d conflicting ids, %d near duplicates, %d from %d bot"
        + " users%n", NAME, r.read(), r.clean(), r.duplicates(), r.conflicts(), r.nearDuplicates(), r.botEvents(),
        r.botUsers());
  }
}
