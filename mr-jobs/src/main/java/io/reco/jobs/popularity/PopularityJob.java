package io.reco.jobs.popularity;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.CatalogIndex;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.TopK;
import io.reco.jobs.interactions.InteractionWeights;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import io.reco.schema.PopularLists;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The popularity lists: each item scores the sum, over the users who touched it, of their strongest event weight;
 * the top {@link #SIZE} are kept, scores scaled so the first is 1, over all items and per category of the catalog.
 * Given the silver events and an as-of time, the trending lists too ({@link TrendingScore}): the items whose
 * weighted interactions in the last {@code reco.trending.window-hours} run furthest above their rate over the
 * {@code reco.trending.baseline-days} before, among those with at least {@code reco.trending.min-recent}
 * interactions in the window and a score above 1; scores are that ratio. Both kinds go to {@code reco:popular},
 * under the row names of {@link PopularLists}. One pass: the pairs and the events meet in one reducer.
 *
 * <p>{@code hadoop jar reco-jobs.jar popularity --interactions work/interactions --output work/popular
 * [--catalog silver/catalog] [--silver silver/clickstream --as-of 2026-11-08T00:00:00Z]}
 */
@Command(name = PopularityJob.NAME, description = "popularity lists: global and per category, and trending ones")
public final class PopularityJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "popularity";
  /** Length of the lists, popular and trending. */
  public static final String SIZE = "reco.popular.size";
  /** The trending window, before the as-of time. */
  public static final String WINDOW_HOURS = "reco.trending.window-hours";
  /** The baseline before the window. */
  public static final String BASELINE_DAYS = "reco.trending.baseline-days";
  /** The pseudo-count added to both sides of the trending ratio. */
  public static final String SMOOTHING = "reco.trending.smoothing";
  /** Interactions an item needs in the window to trend. */
  public static final String MIN_RECENT = "reco.trending.min-recent";
  /** The as-of time of the trending lists, epoch ms; set by {@link #createJob}, unset without trending lists. */
  static final String AS_OF = "reco.trending.as-of-millis";

  /** Emits {@code item -> weight} for every pair. */
  public static final class WeightMapper extends Mapper<LongWritable, Text, Text, ItemTally> {
    private final Text item = new Text();
    private final ItemTally tally = new ItemTally();
    private long read;

    @Override
    protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
      UserItemPair pair = UserItemPair.parse(line.toString());
      read++;
      item.set(pair.itemId());
      context.write(item, tally.set(pair.weight(), 0, 0, 0));
    }

    @Override
    protected void cleanup(Context context) {
      context.getCounter(PopularityCounters.PAIRS_READ).increment(read);
    }
  }

  /** Emits {@code item -> weighted event} for every silver event of the trending window or its baseline. */
  public static final class TrendMapper extends Mapper<AvroKey<InteractionEvent>, NullWritable, Text, ItemTally> {
    private final Text item = new Text();
    private final ItemTally tally = new ItemTally();
    private final Map<TrendingScore.Period, Long> periods = new EnumMap<>(TrendingScore.Period.class);
    private TrendingScore trending;

    @Override
    protected void setup(Context context) {
      trending = trendingScore(context.getConfiguration());
    }

    @Override
    protected void map(AvroKey<InteractionEvent> key, NullWritable none, Context context)
        throws IOException, InterruptedException {
      InteractionEvent e = key.datum();
      TrendingScore.Period period = trending.periodOf(e.getTimestamp());
      periods.merge(period, 1L, Long::sum);
      int weight = InteractionWeights.of(e.getEventType());
      if (period == TrendingScore.Period.RECENT) {
        tally.set(0, weight, 1, 0);
      } else if (period == TrendingScore.Period.BASELINE) {
        tally.set(0, 0, 0, weight);
      } else {
        return;
      }
      item.set(e.getProductId());
      context.write(item, tally);
    }

    @Override
    protected void cleanup(Context context) {
      long read = 0;
      for (Map.Entry<TrendingScore.Period, Long> p : periods.entrySet()) {
        read += p.getValue();
        context.getCounter(switch (p.getKey()) {
          case RECENT -> PopularityCounters.RECENT_EVENTS;
          case BASELINE -> PopularityCounters.BASELINE_EVENTS;
          case OLDER -> PopularityCounters.OLDER_EVENTS;
          case LATER -> PopularityCounters.LATER_EVENTS;
        }).increment(p.getValue());
      }
      context.getCounter(PopularityCounters.EVENTS_READ).increment(read);
    }
  }

  /** Adds up an item's tallies. */
  public static final class TallyCombiner extends Reducer<Text, ItemTally, Text, ItemTally> {
    private final ItemTally sum = new ItemTally();

    @Override
    protected void reduce(Text item, Iterable<ItemTally> tallies, Context context)
        throws IOException, InterruptedException {
      sum.set(0, 0, 0, 0);
      tallies.forEach(sum::add);
      context.write(item, sum);
    }
  }

  /**
   * Sums each item's tallies and keeps the best, over all items and per category of the catalog (when the job names
   * one), popular and, with an as-of time, trending; the single reducer writes the lists when it is done.
   */
  public static final class TopItemsReducer extends Reducer<Text, ItemTally, Text, BytesWritable> {
    private final Map<String, TopK> byCategory = new TreeMap<>();
    private final Map<String, TopK> trendingByCategory = new TreeMap<>();
    private final ItemTally sum = new ItemTally();
    private TopK top;
    private TopK trendingTop;
    private TrendingScore trending;
    private long minRecent;
    private CatalogIndex catalog;
    private int size;

    @Override
    protected void setup(Context context) throws IOException {
      Configuration conf = context.getConfiguration();
      size = Settings.getInt(conf, SIZE);
      if (size < 1) {
        throw new IllegalArgumentException(SIZE + " must be at least 1, was " + size);
      }
      top = new TopK(size);
      trendingTop = new TopK(size);
      if (conf.get(AS_OF) != null) {
        trending = trendingScore(conf);
        minRecent = Settings.getLong(conf, MIN_RECENT);
      }
      catalog = CatalogIndex.load(conf);
    }

    @Override
    protected void reduce(Text key, Iterable<ItemTally> tallies, Context context) {
      sum.set(0, 0, 0, 0);
      tallies.forEach(sum::add);
      String item = key.toString();
      String category = catalog.category(item);
      if (sum.popularity() > 0) {
        offer(top, byCategory, category, item, sum.popularity());
      }
      if (trending == null || sum.recentEvents() == 0) {
        return;
      }
      if (sum.recentEvents() < minRecent) {
        context.getCounter(PopularityCounters.ITEMS_BELOW_MIN_RECENT).increment(1);
        return;
      }
      double score = trending.score(sum.recent(), sum.baseline());
      if (score > 1) {
        offer(trendingTop, trendingByCategory, category, item, score);
      }
    }

    private void offer(TopK all, Map<String, TopK> categories, String category, String item, double score) {
      all.offer(item, score);
      if (category != null) {
        categories.computeIfAbsent(category, c -> new TopK(size)).offer(item, score);
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      if (!top.isEmpty()) {
        write(PopularLists.GLOBAL, scaled(top), PopularityCounters.POPULAR_LISTS, context);
        for (Map.Entry<String, TopK> category : byCategory.entrySet()) {
          write(PopularLists.category(category.getKey()), scaled(category.getValue()),
              PopularityCounters.POPULAR_LISTS, context);
        }
      }
      if (!trendingTop.isEmpty()) {
        write(PopularLists.TRENDING, trendingTop.best(), PopularityCounters.TRENDING_LISTS, context);
        for (Map.Entry<String, TopK> category : trendingByCategory.entrySet()) {
          write(PopularLists.trendingCategory(category.getKey()), category.getValue().best(),
              PopularityCounters.TRENDING_LISTS, context);
        }
      }
    }

    /** One list, scaled so that its most popular item scores 1. */
    private static List<ScoredItem> scaled(TopK list) {
      List<ScoredItem> best = list.best();
      double max = best.get(0).getScore();
      List<ScoredItem> scaled = new ArrayList<>(best.size());
      for (ScoredItem s : best) {
        scaled.add(new ScoredItem(s.getId(), s.getScore() / max));
      }
      return scaled;
    }

    private static void write(String name, List<ScoredItem> list, PopularityCounters counter, Context context)
        throws IOException, InterruptedException {
      context.write(new Text(name), new BytesWritable(ScoredLists.encode(list)));
      context.getCounter(counter).increment(1);
    }
  }

  /** The trending score of the job's settings and as-of time; throws naming a setting out of range. */
  static TrendingScore trendingScore(Configuration conf) {
    int window = Settings.getInt(conf, WINDOW_HOURS);
    int baselineDays = Settings.getInt(conf, BASELINE_DAYS);
    double smoothing = Settings.getDouble(conf, SMOOTHING);
    if (window < 1 || baselineDays < 1 || !(smoothing > 0) || Settings.getLong(conf, MIN_RECENT) < 1) {
      throw new IllegalArgumentException(WINDOW_HOURS + ", " + BASELINE_DAYS + " and " + MIN_RECENT
          + " must be at least 1 and " + SMOOTHING + " above 0; were " + window + ", " + baselineDays + ", "
          + Settings.getLong(conf, MIN_RECENT) + " and " + smoothing);
    }
    return new TrendingScore(conf.getLong(AS_OF, 0), window, baselineDays * 24, smoothing);
  }

  /** Builds the job without running it: the global list only. */
  public static Job createJob(Configuration conf, Path interactions, Path output) throws IOException {
    return createJob(conf, interactions, null, output);
  }

  /** Builds the job without running it; with a {@code catalog} (silver Avro), a list per category too. */
  public static Job createJob(Configuration conf, Path interactions, Path catalog, Path output) throws IOException {
    return createJob(conf, interactions, catalog, null, null, output);
  }

  /**
   * Builds the job without running it; with the {@code silver} events and the time the run is {@code asOf}, the
   * trending lists too (both, or neither).
   */
  public static Job createJob(Configuration conf, Path interactions, Path catalog, Path silver, Instant asOf,
      Path output) throws IOException {
    if ((silver == null) != (asOf == null)) {
      throw new IllegalArgumentException(NAME + ": the trending lists need both the silver events and the as-of time");
    }
    Job job = Job.getInstance(conf, NAME);
    CatalogIndex.use(job.getConfiguration(), catalog);
    job.setJarByClass(PopularityJob.class);
    Path pairs = new Path(interactions, "pairs");
    if (silver == null) {
      job.setInputFormatClass(TextInputFormat.class);
      FileInputFormat.addInputPath(job, pairs);
      job.setMapperClass(WeightMapper.class);
    } else {
      job.getConfiguration().setLong(AS_OF, asOf.toEpochMilli());
      trendingScore(job.getConfiguration());
      MultipleInputs.addInputPath(job, pairs, TextInputFormat.class, WeightMapper.class);
      AvroJob.setInputKeySchema(job, InteractionEvent.getClassSchema());
      FileInputFormat.setInputDirRecursive(job, true);
      MultipleInputs.addInputPath(job, silver, AvroKeyInputFormat.class, TrendMapper.class);
    }
    job.setCombinerClass(TallyCombiner.class);
    job.setReducerClass(TopItemsReducer.class);
    job.setNumReduceTasks(1);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(ItemTally.class);
    ScoredListOutput.configure(job);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  /** Lists a finished job wrote: popular, trending. */
  public record Result(long popularLists, long trendingLists) {
    /** Reads the counters of {@code job}. */
    public static Result of(Job job) throws IOException {
      Counters c = job.getCounters();
      return new Result(c.findCounter(PopularityCounters.POPULAR_LISTS).getValue(),
          c.findCounter(PopularityCounters.TRENDING_LISTS).getValue());
    }
  }

  @Option(names = "--interactions", required = true, description = "Output of the interactions job.")
  private Path interactions;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;
  @Option(names = "--catalog", description = "The silver catalog (Avro): a list per category too.")
  private Path catalog;
  @Option(names = "--silver", description = "The silver clickstream (Avro): trending lists too (with --as-of).")
  private Path silver;
  @Option(names = "--as-of", description = "The end of the trending window, like 2026-11-08T00:00:00Z.")
  private Instant asOf;

  @Override
  protected int execute() throws Exception {
    Result r = Result.of(Jobs.run(createJob(getConf(), interactions, catalog, silver, asOf, output)));
    System.out.println(NAME + ": wrote " + r.popularLists() + " popularity lists ('" + PopularLists.GLOBAL
        + "' and one per category) and " + r.trendingLists() + " trending lists to " + output);
    return 0;
  }
}
