package io.reco.jobs.common;

import io.reco.records.avro.InteractionEvent;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/**
 * The events a feature run merges: those from the previous run's end on and before its own (so that a run as of
 * midnight takes exactly the day's date partition). The others are written to
 * {@code <output>/}{@value #UNMERGED}{@code /dt=<event date>/} and counted, never dropped: late ones (before the
 * previous end) wait for a full run, later ones for the next run.
 */
public final class EventWindow implements Closeable {
  /** Set by a job for its tasks: the time the run is as of, UTC epoch ms. */
  public static final String AS_OF = "reco.features.as-of";
  /** Set by a job for its tasks: the previous run's end (its as-of), UTC epoch ms. */
  public static final String MERGED_UP_TO = "reco.features.merged-up-to";
  /** The directory of the events not merged, under the job's output. */
  public static final String UNMERGED = "unmerged";

  /** What became of the events read. */
  public enum Counters {
    /** Events read. */
    EVENTS,
    /** Events merged. */
    MERGED,
    /** Events before the previous run's end. */
    LATE,
    /** Events at or after this run's end. */
    AFTER_AS_OF
  }

  /** The counts of a finished job, reconciled. */
  public record Counts(long events, long merged, long late, long after) {
    @Override
    public String toString() {
      return events + " silver events, " + merged + " merged" + (late + after == 0 ? ""
          : " (" + late + " late, " + after + " after the run's end: in " + UNMERGED + "/)");
    }
  }

  private final TaskInputOutputContext<?, ?, ?, ?> context;
  private final long mergedUpTo;
  private final long asOf;
  private final DatedAvroFiles<InteractionEvent> unmerged;

  /** The window of the task's job. */
  public EventWindow(TaskInputOutputContext<?, ?, ?, ?> context) {
    this.context = context;
    mergedUpTo = context.getConfiguration().getLong(MERGED_UP_TO, Long.MIN_VALUE);
    asOf = asOf(context.getConfiguration());
    unmerged = SilverEvents.files(context, UNMERGED);
  }

  /** Sets the window of a job's tasks; the end must come after the start. */
  public static void set(Configuration conf, String job, long mergedUpTo, Instant asOf) {
    if (mergedUpTo >= asOf.toEpochMilli()) {
      throw new IllegalArgumentException(job + ": --as-of " + asOf + " is not after the previous run's end "
          + Instant.ofEpochMilli(mergedUpTo));
    }
    conf.setLong(AS_OF, asOf.toEpochMilli());
    conf.setLong(MERGED_UP_TO, mergedUpTo);
  }

  /** The end of the window the job set. */
  public static long asOf(Configuration conf) {
    return conf.getLong(AS_OF, Long.MAX_VALUE);
  }

  /** Whether a job's window, as {@link #set} put it in {@code conf}, holds {@code time}. Counts nothing. */
  public static boolean holds(Configuration conf, long time) {
    return time >= conf.getLong(MERGED_UP_TO, Long.MIN_VALUE) && time < asOf(conf);
  }

  /** Whether {@code e} is merged; if not, it is written to the unmerged events. Counts either way. */
  public boolean admit(InteractionEvent e) throws IOException, InterruptedException {
    context.getCounter(Counters.EVENTS).increment(1);
    long time = e.getTimestamp();
    if (time >= mergedUpTo && time < asOf) {
      context.getCounter(Counters.MERGED).increment(1);
      return true;
    }
    context.getCounter(time >= asOf ? Counters.AFTER_AS_OF : Counters.LATE).increment(1);
    unmerged.write(e, time);
    return false;
  }

  @Override
  public void close() throws IOException {
    unmerged.close();
  }

  /** The counts of a finished job; they must reconcile. */
  public static Counts check(Job job) throws IOException {
    org.apache.hadoop.mapreduce.Counters c = job.getCounters();
    Counts n = new Counts(c.findCounter(Counters.EVENTS).getValue(), c.findCounter(Counters.MERGED).getValue(),
        c.findCounter(Counters.LATE).getValue(), c.findCounter(Counters.AFTER_AS_OF).getValue());
    if (n.events() != n.merged() + n.late() + n.after()) {
      throw new JobFailedException(job.getJobName() + ": " + n.events() + " events read but " + n.merged()
          + " merged + " + n.late() + " late + " + n.after() + " after the run's end");
    }
    return n;
  }
}
