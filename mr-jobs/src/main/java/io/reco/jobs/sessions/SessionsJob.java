package io.reco.jobs.sessions;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.CatalogIndex;
import io.reco.jobs.common.EventWindow;
import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.FeatureRunOptions;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.SilverEvents;
import io.reco.records.avro.Customer;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.UserState;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Silver to gold for users: cuts silver clickstream events into sessions - a user's consecutive events no more
 * than {@value #GAP_MINUTES} apart (30 minutes by default) - and keeps each user's feature state and features, in
 * {@code <gold>/users/}:
 * <ul>
 *   <li>{@code sessions/dt=<start date>/} ({@code Session}): closed sessions with their features and the user's
 *   purchase history before them;</li>
 *   <li>{@code state/dt=<last day>/} ({@code UserState}): what the features are computed from, merged into by the
 *   next run;</li>
 *   <li>{@code features/dt=<last day>/} ({@code UserFeatures}): the cells of {@code reco:user_features};</li>
 *   <li>{@code unmerged/dt=<event date>/}: events at or before the previous run's end or after this one's, not
 *   merged (a weekly full run takes the late ones); {@value FeatureInputs#RECORD}: the run record.</li>
 * </ul>
 *
 * <p>A secondary sort on (user, time, event id) hands each user's previous state and new events to one reducer in
 * time order, so a session that crosses midnight or a partition is one session; one whose last event is less than
 * the gap before the run's end stays open in the state for the next run to continue. A session's id is a hash of
 * the user and its first event. So a chain of daily runs (each with {@code --previous}) and one full run over the
 * same days give the same sessions, state and features. Customer demographics and catalog categories are joined
 * from the silver masters.
 *
 * <p>{@code hadoop jar reco-jobs.jar sessions --input runs/<run>/silver/clickstream --masters runs/<run>/silver
 * --previous runs/<yesterday>/gold --output runs/<run>/gold --as-of 2026-11-08T00:00:00Z}
 */
@Command(name = SessionsJob.NAME, description = "silver clickstream -> gold sessions, user state and user features")
public final class SessionsJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "sessions";
  /** The job's directory under the gold directory. */
  public static final String DIR = "users";
  /** The inactivity that ends a session, minutes. */
  public static final String GAP_MINUTES = "reco.sessions.gap-minutes";
  /** The longest time on one page counted as dwell time, minutes. */
  public static final String DWELL_CAP_MINUTES = "reco.features.dwell-cap-minutes";
  /** How many products a user's features list. */
  public static final String TOP_PRODUCTS = "reco.features.top-products";
  /** The sessions' directory under the job's. */
  public static final String SESSIONS = "sessions";
  /** The user states' directory under the job's. */
  public static final String STATE = "state";
  /** The user features' directory under the job's: the input of the load into {@code reco:user_features}. */
  public static final String FEATURES = "features";

  /** The job's counters. */
  public enum Counters {
    /** Users written. */
    USERS,
    /** Users of the previous state without new events. */
    STATES_CARRIED,
    /** Users with a customer record. */
    WITH_CUSTOMER,
    /** Sessions closed. */
    SESSIONS
  }

  /** What one run read and wrote. */
  public record Result(EventWindow.Counts events, long users, long sessions) {
  }

  /** The union the job reads its inputs as. */
  private static final Schema INPUT = Schema.createUnion(Customer.getClassSchema(), UserState.getClassSchema(),
      InteractionEvent.getClassSchema());

  /** Builds the job: the inputs' events merged into the previous state as of {@code asOf}, into {@code gold}. */
  public static Job createJob(Configuration conf, FeatureInputs in, Path gold, Instant asOf) throws IOException {
    Job job = Job.getInstance(conf, NAME);
    Configuration c = job.getConfiguration();
    EventWindow.set(c, NAME, in.mergedUpTo(conf, DIR), asOf);
    CatalogIndex.use(c, in.master(conf, FeatureInputs.CATALOG));
    job.setJarByClass(SessionsJob.class);
    FeatureInputs.taggedShuffle(job, INPUT, in.eventsAnd(in.master(conf, FeatureInputs.CUSTOMERS),
        in.previous(DIR, STATE)), SessionMapper.class, SessionReducer.class, new Path(gold, DIR));
    return job;
  }

  /** Runs the job and writes its run record; a run over no events and no state fails. */
  public static Result run(Configuration conf, FeatureInputs in, Path gold, Instant asOf)
      throws IOException, InterruptedException {
    Job job = Jobs.run(createJob(conf, in, gold, asOf));
    Result r = check(job);
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("catalog", in.master(conf, FeatureInputs.CATALOG));
    inputs.put("customers", in.master(conf, FeatureInputs.CUSTOMERS));
    in.record(conf, new Path(gold, DIR), NAME, asOf, inputs, List.of(SESSIONS, STATE, FEATURES,
        EventWindow.UNMERGED), Jobs.counts(job, EventWindow.Counters.class, Counters.class));
    return r;
  }

  /** Reads the counters of a finished job and checks that they reconcile. */
  public static Result check(Job job) throws IOException {
    EventWindow.Counts events = EventWindow.check(job);
    long users = job.getCounters().findCounter(Counters.USERS).getValue();
    if (users == 0) {
      SilverEvents.requireEvents(job, EventWindow.Counters.EVENTS);
      throw new JobFailedException(NAME + ": none of the " + events.events() + " events falls in the run's window");
    }
    return new Result(events, users, job.getCounters().findCounter(Counters.SESSIONS).getValue());
  }

  @Mixin
  private FeatureRunOptions run;

  @Override
  protected int execute() throws Exception {
    print(System.out, run(getConf(), run.inputs(), run.output(), run.asOf()));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: %s: %d users, %d sessions closed%n", NAME, r.events(), r.users(), r.sessions());
  }
}
