package io.reco.jobs.training;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.CatalogIndex;
import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.EventWindow;
import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.FeatureRunOptions;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.common.TaggedKey;
import io.reco.jobs.common.TextFiles;
import io.reco.jobs.common.WindowedRecordMapper;
import io.reco.jobs.features.ItemActivity;
import io.reco.jobs.features.ItemFeaturesJob;
import io.reco.jobs.sessions.SessionsJob;
import io.reco.jobs.sessions.UserActivity;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.ItemState;
import io.reco.records.avro.TrainingExample;
import io.reco.records.avro.UserState;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Training data for rankers, in {@code <gold>/training/<train|validation|test>/dt=<date>/} ({@code TrainingExample}):
 * every interaction of the run's window with the pair's features (category match, price match, hour of day, day of
 * week, position in session, user-item affinity) and the user's and the item's features as of the moment before
 * it, split by time into train, validation and test ({@value #SPLIT}, 70/10/20 by default, oldest to newest).
 *
 * <p>Two passes, each a secondary sort by time: per user, the previous state and the events give the user side of
 * each example before the event itself is added; per item, the previous state, the events and the examples give
 * the item side, each example before the events of its time. Nothing later than an interaction reaches its
 * example.
 *
 * <p>{@code hadoop jar reco-jobs.jar training-export --input runs/<run>/silver/clickstream --masters
 * runs/<run>/silver --output runs/<run>/gold --as-of 2026-11-08T00:00:00Z}
 */
@Command(name = TrainingExportJob.NAME, description = "silver clickstream -> gold ranker training data, split by time")
public final class TrainingExportJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "training-export";
  /** The job's directory under the gold directory. */
  public static final String DIR = "training";
  /** The shares of train, validation and test, oldest to newest, in percent. */
  public static final String SPLIT = "reco.training.split";
  /** Set by the job for the item pass: the start of validation, UTC epoch ms. */
  static final String VALIDATION_FROM = "reco.training.validation-from";
  /** Set by the job for the item pass: the start of test, UTC epoch ms. */
  static final String TEST_FROM = "reco.training.test-from";
  private static final String EXAMPLES = "examples";
  private static final String HOURS = "hours";
  private static final byte STATE = 1;
  private static final byte ACTIVITY = 2;
  private static final Schema USER_INPUT = Schema.createUnion(UserState.getClassSchema(),
      InteractionEvent.getClassSchema());
  private static final Schema ITEM_INPUT = Schema.createUnion(ItemState.getClassSchema(),
      InteractionEvent.getClassSchema(), TrainingExample.getClassSchema());

  /** The job's counters. */
  public enum Counters {
    /** Examples written, all splits. */
    EXAMPLES,
    /** Of those, in train. */
    TRAIN,
    /** In validation. */
    VALIDATION,
    /** In test. */
    TEST
  }

  /** What one run wrote. */
  public record Result(EventWindow.Counts events, long train, long validation, long test, Instant validationFrom,
      Instant testFrom) {
  }

  /** Keys by user: the previous state, then the window's events in time order. */
  public static final class UserMapper extends WindowedRecordMapper {
    @Override
    protected TaggedKey key(Object datum, TaggedKey key) {
      if (datum instanceof InteractionEvent e) {
        return key.set(e.getUserId(), ACTIVITY).thenBy(e.getTimestamp()).thenBy(e.getEventId());
      }
      return key.set(((UserState) datum).getUserId(), STATE);
    }
  }

  /** One user: each event's example with the user side as of before it; the examples per hour, for the split. */
  public static final class UserReducer extends Reducer<TaggedKey, AvroValue<Object>, NullWritable, NullWritable> {
    private UserActivity activity;
    private CatalogIndex catalog;
    private DatedAvroFiles<TrainingExample> examples;
    private MultipleOutputs<NullWritable, Text> hours;
    private final Map<Long, Long> perHour = new HashMap<>();

    @Override
    protected void setup(Context context) throws IOException {
      Configuration conf = context.getConfiguration();
      activity = new UserActivity(Settings.getLong(conf, SessionsJob.GAP_MINUTES) * 60_000L,
          Settings.getLong(conf, SessionsJob.DWELL_CAP_MINUTES) * 60_000L, 0);
      catalog = CatalogIndex.load(conf);
      examples = new DatedAvroFiles<>(context, EXAMPLES, TrainingExample.getClassSchema());
      @SuppressWarnings({"unchecked", "rawtypes"})
      MultipleOutputs<NullWritable, Text> named = new MultipleOutputs(context);
      hours = named;
    }

    @Override
    protected void reduce(TaggedKey user, Iterable<AvroValue<Object>> values, Context context)
        throws IOException, InterruptedException {
      boolean started = false;
      for (AvroValue<Object> value : values) {
        Object datum = value.datum();
        if (!started) {
          activity.start(user.idAsString(), datum instanceof UserState s ? s : null);
          started = true;
        }
        if (datum instanceof InteractionEvent e) {
          CatalogIndex.Entry item = catalog.get(e.getProductId());
          examples.write(activity.example(e, item), e.getTimestamp());
          perHour.merge(TimeSplit.hourOf(e.getTimestamp()), 1L, Long::sum);
          activity.add(e, item == null ? null : item.category());
        }
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      examples.close();
      for (Map.Entry<Long, Long> hour : perHour.entrySet()) {
        hours.write(HOURS, NullWritable.get(), new Text(hour.getKey() + "\t" + hour.getValue()), HOURS + "/part");
      }
      hours.close();
    }
  }

  /** Keys by item: the previous state, then events and examples in time order, an example before its time's events. */
  public static final class ItemMapper extends Mapper<AvroKey<Object>, NullWritable, TaggedKey, AvroValue<Object>> {
    private final TaggedKey key = new TaggedKey();
    private final AvroValue<Object> value = new AvroValue<>();
    private Configuration conf;

    @Override
    protected void setup(Context context) {
      conf = context.getConfiguration();
    }

    @Override
    protected void map(AvroKey<Object> record, NullWritable ignored, Context context)
        throws IOException, InterruptedException {
      Object datum = record.datum();
      value.datum(datum);
      if (datum instanceof TrainingExample x) {
        context.write(key.set(x.getItemId(), ACTIVITY).thenBy(x.getTimestamp()).thenBy(0).thenBy(x.getEventId()),
            value);
      } else if (datum instanceof InteractionEvent e) {
        // the user pass counted and kept the events outside the window
        if (EventWindow.holds(conf, e.getTimestamp())) {
          context.write(key.set(e.getProductId(), ACTIVITY).thenBy(e.getTimestamp()).thenBy(1)
              .thenBy(e.getEventId()), value);
        }
      } else {
        context.write(key.set(((ItemState) datum).getItemId(), STATE), value);
      }
    }
  }

  /** One item: each example completed with the item side as of before it, into its split. */
  public static final class ItemReducer extends Reducer<TaggedKey, AvroValue<Object>, NullWritable, NullWritable> {
    private ItemActivity activity;
    private TimeSplit split;
    private final Map<String, DatedAvroFiles<TrainingExample>> out = new HashMap<>();

    @Override
    protected void setup(Context context) {
      Configuration conf = context.getConfiguration();
      activity = new ItemActivity(Settings.getInt(conf, ItemFeaturesJob.RECENT_DAYS));
      split = new TimeSplit(conf.getLong(VALIDATION_FROM, 0), conf.getLong(TEST_FROM, 0));
      for (String name : List.of(TimeSplit.TRAIN, TimeSplit.VALIDATION, TimeSplit.TEST)) {
        out.put(name, new DatedAvroFiles<>(context, name, TrainingExample.getClassSchema()));
      }
    }

    @Override
    protected void reduce(TaggedKey item, Iterable<AvroValue<Object>> values, Context context)
        throws IOException, InterruptedException {
      boolean started = false;
      for (AvroValue<Object> value : values) {
        Object datum = value.datum();
        if (!started) {
          activity.start(item.idAsString(), datum instanceof ItemState s ? s : null);
          started = true;
        }
        if (datum instanceof TrainingExample x) {
          String name = split.of(x.getTimestamp());
          out.get(name).write(activity.complete(x), x.getTimestamp());
          context.getCounter(Counters.EXAMPLES).increment(1);
          context.getCounter(name.equals(TimeSplit.TRAIN) ? Counters.TRAIN : name.equals(TimeSplit.VALIDATION)
              ? Counters.VALIDATION : Counters.TEST).increment(1);
        } else if (datum instanceof InteractionEvent e) {
          activity.add(e);
        }
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException {
      for (DatedAvroFiles<TrainingExample> files : out.values()) {
        files.close();
      }
    }
  }

  /** Builds the user pass into {@code work}. */
  public static Job createUserJob(Configuration conf, FeatureInputs in, Path work, Instant asOf) throws IOException {
    Job job = Job.getInstance(conf, NAME + " (users)");
    EventWindow.set(job.getConfiguration(), NAME, in.mergedUpTo(conf, SessionsJob.DIR), asOf);
    CatalogIndex.use(job.getConfiguration(), in.master(conf, FeatureInputs.CATALOG));
    job.setJarByClass(TrainingExportJob.class);
    FeatureInputs.taggedShuffle(job, USER_INPUT, in.eventsAnd(in.previous(SessionsJob.DIR, SessionsJob.STATE)),
        UserMapper.class, UserReducer.class, work);
    Jobs.addTextOutputs(job, HOURS);
    return job;
  }

  /** Builds the item pass over the user pass's examples in {@code work}, into {@code <gold>/training}. */
  public static Job createItemJob(Configuration conf, FeatureInputs in, Path work, Path gold, Instant asOf,
      TimeSplit split) throws IOException {
    Job job = Job.getInstance(conf, NAME + " (items)");
    Configuration c = job.getConfiguration();
    EventWindow.set(c, NAME, in.mergedUpTo(conf, ItemFeaturesJob.DIR), asOf);
    c.setLong(VALIDATION_FROM, split.validationFrom());
    c.setLong(TEST_FROM, split.testFrom());
    job.setJarByClass(TrainingExportJob.class);
    FeatureInputs.taggedShuffle(job, ITEM_INPUT, in.eventsAnd(new Path(work, EXAMPLES),
        in.previous(ItemFeaturesJob.DIR, ItemFeaturesJob.STATE)), ItemMapper.class, ItemReducer.class,
        new Path(gold, DIR));
    return job;
  }

  /** Runs both passes, writes the run record and removes the user pass's output. */
  public static Result run(Configuration conf, FeatureInputs in, Path gold, Instant asOf)
      throws IOException, InterruptedException {
    int[] shares = TimeSplit.shares(Settings.get(conf, SPLIT));
    Path work = new Path(gold, "_" + DIR + "-users");
    FileSystem fs = work.getFileSystem(conf);
    Job users = Jobs.run(createUserJob(conf, in, work, asOf));
    EventWindow.Counts events = EventWindow.check(users);
    if (events.merged() == 0) {
      SilverEvents.requireEvents(users, EventWindow.Counters.EVENTS);
      throw new JobFailedException(NAME + ": none of the " + events.events() + " events falls in the run's window");
    }
    TimeSplit split = TimeSplit.of(hours(fs, new Path(work, HOURS)), shares);
    Job items = Jobs.run(createItemJob(conf, in, work, gold, asOf, split));
    long examples = items.getCounters().findCounter(Counters.EXAMPLES).getValue();
    if (examples != events.merged()) {
      throw new JobFailedException(NAME + ": " + events.merged() + " events merged but " + examples + " examples");
    }
    Path dir = new Path(gold, DIR);
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("catalog", in.master(conf, FeatureInputs.CATALOG));
    Map<String, Long> counts = Jobs.counts(users, EventWindow.Counters.class);
    counts.putAll(Jobs.counts(items, Counters.class));
    counts.put("validation_from_ms", split.validationFrom());
    counts.put("test_from_ms", split.testFrom());
    in.record(conf, dir, NAME, asOf, inputs, List.of(TimeSplit.TRAIN, TimeSplit.VALIDATION, TimeSplit.TEST), counts);
    // the events outside the window, kept by the user pass, move beside the splits
    Path unmerged = new Path(work, EventWindow.UNMERGED);
    if (fs.exists(unmerged)) {
      fs.rename(unmerged, new Path(dir, EventWindow.UNMERGED));
    }
    fs.delete(work, true);
    org.apache.hadoop.mapreduce.Counters c = items.getCounters();
    return new Result(events, c.findCounter(Counters.TRAIN).getValue(), c.findCounter(Counters.VALIDATION).getValue(),
        c.findCounter(Counters.TEST).getValue(), Instant.ofEpochMilli(split.validationFrom()),
        Instant.ofEpochMilli(split.testFrom()));
  }

  /** The examples per hour the user pass counted. */
  private static SortedMap<Long, Long> hours(FileSystem fs, Path dir) throws IOException {
    SortedMap<Long, Long> perHour = new TreeMap<>();
    if (!fs.exists(dir)) {
      return perHour;
    }
    TextFiles.read(fs.getConf(), dir, line -> {
      String[] f = line.split("\t");
      perHour.merge(Long.parseLong(f[0]), Long.parseLong(f[1]), Long::sum);
    });
    return perHour;
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
    out.printf("%s: %s: %d train, %d validation (from %s), %d test (from %s) examples%n", NAME, r.events(),
        r.train(), r.validation(), r.validationFrom(), r.test(), r.testFrom());
  }
}
