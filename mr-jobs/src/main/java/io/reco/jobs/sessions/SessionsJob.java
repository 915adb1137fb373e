package io.reco.jobs.sessions;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.FeatureRunOptions;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Silver to gold: cuts a bronze-to-silver run's clickstream ({@code <run>/silver/clickstream}) into sessions - a
 * user's consecutive events no more than {@value #GAP_MINUTES} apart (30 minutes by default) - and writes each
 * with its features to {@code <output>/sessions/dt=<start date>/part-r-*.avro} ({@code Session}).
 *
 * <p>A secondary sort on (user, time, event id) hands each user's events to one reducer in time order, so a
 * session that crosses midnight or an hour partition is one session, filed under the date it started; its id is a
 * hash of the user and its first event, the same in every run over the same events. Each session carries the
 * user's purchase history before it (past purchases, average amount).
 *
 * <p>In the same pass it writes each user's features ({@code UserFeatures}: counts by type, sessions and their
 * length, dwell time, recency, frequency, monetary value, price point, diversity, device, referrer) as the cells of
 * {@code reco:user_features}, to {@code <output>/user_features/} for {@code load-lists}.
 *
 * <p>{@code hadoop jar reco-jobs.jar sessions --input runs/<run>/silver/clickstream --output runs/<run>/gold
 * --as-of 2026-11-08T00:00:00Z}
 */
@Command(name = SessionsJob.NAME, description = "silver clickstream -> gold sessions (Avro) and user feature cells")
public final class SessionsJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "sessions";
  /** The inactivity that ends a session, minutes. */
  public static final String GAP_MINUTES = "reco.sessions.gap-minutes";
  /** The output's subdirectory of sessions. */
  public static final String SESSIONS = "sessions";
  /** The output's subdirectory of user feature cells (SequenceFiles of user id to cell), the load job's input. */
  public static final String USER_FEATURES = "user_features";
  /** Set by the job for its tasks: the time the features are computed as of, UTC epoch ms. */
  static final String AS_OF = "reco.features.as-of";
  /** The named output of the feature cells (letters only, as MultipleOutputs wants). */
  static final String FEATURE_CELLS = "userfeatures";

  /** The job's counters. */
  public enum Counters { EVENTS, USERS, SESSIONS }

  /** What one run read and wrote. */
  public record Result(long events, long users, long sessions) {
  }

  /** Builds the job over the silver events under {@code silver}, features as of {@code asOf}, without running it. */
  public static Job createJob(Configuration conf, Path silver, Path output, Instant asOf) throws IOException {
    Job job = Job.getInstance(conf, NAME);
    job.getConfiguration().setLong(AS_OF, asOf.toEpochMilli());
    job.setJarByClass(SessionsJob.class);
    SilverEvents.input(job, silver);
    job.setMapperClass(SessionMapper.class);
    TaggedKey.shuffle(job);
    AvroJob.setMapOutputValueSchema(job, InteractionEvent.getClassSchema());
    job.setReducerClass(SessionReducer.class);
    // the sessions go to dated Avro files of the task's own, the feature cells to a named output
    SilverEvents.output(job, output);
    MultipleOutputs.addNamedOutput(job, FEATURE_CELLS, SequenceFileOutputFormat.class, Text.class,
        BytesWritable.class);
    return job;
  }

  /** Reads the counters of a finished job; a run over no events fails. */
  public static Result check(Job job) throws IOException {
    long events = SilverEvents.requireEvents(job, Counters.EVENTS);
    return new Result(events, job.getCounters().findCounter(Counters.USERS).getValue(),
        job.getCounters().findCounter(Counters.SESSIONS).getValue());
  }

  @Mixin
  private FeatureRunOptions run;

  @Override
  protected int execute() throws Exception {
    print(System.out, check(Jobs.run(createJob(getConf(), run.input(), run.output(), run.asOf()))));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: %d silver events of %d users: %d sessions%n", NAME, r.events(), r.users(), r.sessions());
  }
}
