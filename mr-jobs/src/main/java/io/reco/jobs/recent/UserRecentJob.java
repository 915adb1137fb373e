package io.reco.jobs.recent;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.CatalogIndex;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.TopK;
import io.reco.jobs.interactions.InteractionWeights;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Per user, two lists as of a given instant: {@code recent/}, the {@link #MAX_ITEMS} items with the best
 * {@link RecencyScore recency score} (the seeds top picks are ranked from), and {@code excluded/}, every item whose
 * strongest event is of a type in {@link #EXCLUDE_EVENT_TYPES} (never offered to them; scored by the last
 * interaction's time, epoch seconds) - but for a purchase in one of the {@link #REPEAT_CATEGORIES}, which the
 * catalog tells.
 *
 * <p>{@code hadoop jar reco-jobs.jar user-recent --interactions work/interactions --as-of 2026-11-08T00:00:00Z
 * --output work/history}
 */
@Command(name = UserRecentJob.NAME, description = "per user, history weighted by strength and age, and exclusions")
public final class UserRecentJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "user-recent";
  /** Items kept per user. */
  public static final String MAX_ITEMS = "reco.recent.max-items";
  /** Half-life of an interaction's score, in hours. */
  public static final String HALF_LIFE_HOURS = "reco.recent.half-life-hours";
  /** Event types whose items are never offered again to the user. */
  public static final String EXCLUDE_EVENT_TYPES = "reco.ranking.exclude-event-types";
  /** Categories whose items may be offered again after a purchase (groceries, say). */
  public static final String REPEAT_CATEGORIES = "reco.ranking.repeat-categories";
  /** The output with the seeds. */
  public static final String RECENT = "recent";
  /** The output with the exclusions. */
  public static final String EXCLUDED = "excluded";
  /** The instant ages are measured from, epoch millis; set by {@link #createJob}. */
  static final String AS_OF = "reco.recent.as-of-millis";

  /** Emits {@code user -> score TAB weight TAB last time TAB item}. */
  public static final class ScoreMapper extends Mapper<LongWritable, Text, Text, Text> {
    private final Text user = new Text();
    private final Text scored = new Text();
    private long asOf;
    private long halfLife;

    @Override
    protected void setup(Context context) {
      Configuration conf = context.getConfiguration();
      asOf = Settings.getLong(conf, AS_OF);
      halfLife = Settings.getLong(conf, HALF_LIFE_HOURS) * 3_600_000L;
    }

    @Override
    protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
      UserItemPair pair = UserItemPair.parse(line.toString());
      user.set(pair.userId());
      scored.set(RecencyScore.of(pair.weight(), pair.lastTimestamp(), asOf, halfLife) + "\t" + pair.weight() + "\t"
          + pair.lastTimestamp() + "\t" + pair.itemId());
      context.write(user, scored);
    }
  }

  /** Keeps each user's best items, and lists the excluded ones. */
  public static final class RecentItemsReducer extends Reducer<Text, Text, Text, BytesWritable> {
    private final BytesWritable list = new BytesWritable();
    private final List<ScoredItem> excluded = new ArrayList<>();
    private final Set<Integer> excludedWeights = new HashSet<>();
    private final Set<String> repeatCategories = new HashSet<>();
    private CatalogIndex catalog;
    private MultipleOutputs<Text, BytesWritable> outputs;
    private TopK top;

    @Override
    protected void setup(Context context) throws IOException {
      Configuration conf = context.getConfiguration();
      top = new TopK(Settings.getInt(conf, MAX_ITEMS));
      excludedTypes(conf).forEach(type -> excludedWeights.add(InteractionWeights.of(type)));
      repeatCategories.addAll(conf.getTrimmedStringCollection(REPEAT_CATEGORIES));
      catalog = repeatCategories.isEmpty() ? null : CatalogIndex.load(conf);
      outputs = new MultipleOutputs<>(context);
    }

    @Override
    protected void reduce(Text user, Iterable<Text> values, Context context) throws IOException, InterruptedException {
      top.clear();
      excluded.clear();
      for (Text value : values) {
        String[] f = value.toString().split("\t", 4);
        top.offer(f[3], Double.parseDouble(f[0]));
        if (excludedWeights.contains(Integer.parseInt(f[1])) && !repeats(f[3], Integer.parseInt(f[1]))) {
          excluded.add(new ScoredItem(f[3], (double) (Long.parseLong(f[2]) / 1000)));
        }
      }
      top.encodeInto(list);
      outputs.write(RECENT, user, list, RECENT + "/part");
      if (!excluded.isEmpty()) {
        excluded.sort(TopK.BEST_FIRST);
        byte[] encoded = ScoredLists.encode(excluded);
        list.set(encoded, 0, encoded.length);
        outputs.write(EXCLUDED, user, list, EXCLUDED + "/part");
      }
    }

    /** Whether a bought item of a repeat-purchase category, which may be offered again. */
    private boolean repeats(String item, int weight) {
      return catalog != null && weight == InteractionWeights.of(EventType.purchase)
          && repeatCategories.contains(catalog.category(item));
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      outputs.close();
    }
  }

  /** The event types of {@link #EXCLUDE_EVENT_TYPES}; an unknown name is refused, naming the known ones. */
  public static Set<EventType> excludedTypes(Configuration conf) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (String name : conf.getTrimmedStrings(EXCLUDE_EVENT_TYPES)) {
      try {
        types.add(EventType.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(EXCLUDE_EVENT_TYPES + " lists event types of "
            + Arrays.toString(EventType.values()) + "; '" + name + "' is not one", e);
      }
    }
    return types;
  }

  /** Builds the job without running it, without a catalog (so no repeat-purchase categories). */
  public static Job createJob(Configuration conf, Path interactions, Instant asOf, Path output) throws IOException {
    return createJob(conf, interactions, asOf, null, output);
  }

  /** Builds the job without running it; the {@code catalog} (silver Avro, or null) gives the items' categories. */
  public static Job createJob(Configuration conf, Path interactions, Instant asOf, Path catalog, Path output)
      throws IOException {
    int halfLife = Settings.getInt(conf, HALF_LIFE_HOURS);
    if (halfLife < 1) {
      throw new IllegalArgumentException(HALF_LIFE_HOURS + " must be at least 1, was " + halfLife);
    }
    excludedTypes(conf);
    Job job = Job.getInstance(conf, NAME);
    job.getConfiguration().setLong(AS_OF, asOf.toEpochMilli());
    CatalogIndex.use(job.getConfiguration(), catalog);
    job.setJarByClass(UserRecentJob.class);
    job.setInputFormatClass(TextInputFormat.class);
    FileInputFormat.addInputPath(job, new Path(interactions, "pairs"));
    job.setMapperClass(ScoreMapper.class);
    job.setReducerClass(RecentItemsReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(Text.class);
    ScoredListOutput.configure(job);
    LazyOutputFormat.setOutputFormatClass(job, SequenceFileOutputFormat.class);
    MultipleOutputs.addNamedOutput(job, RECENT, SequenceFileOutputFormat.class, Text.class, BytesWritable.class);
    MultipleOutputs.addNamedOutput(job, EXCLUDED, SequenceFileOutputFormat.class, Text.class, BytesWritable.class);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  @Option(names = "--interactions", required = true, description = "Output of the interactions job.")
  private Path interactions;
  @Option(names = "--as-of", required = true, description = "The moment ages count from, like 2026-11-08T00:00:00Z.")
  private Instant asOf;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Job job = Jobs.run(createJob(getConf(), interactions, asOf, output));
    System.out.println(NAME + ": wrote recent items of "
        + job.getCounters().findCounter(TaskCounter.REDUCE_INPUT_GROUPS).getValue()
        + " users");
    return 0;
  }
}
