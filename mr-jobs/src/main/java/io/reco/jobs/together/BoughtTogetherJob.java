package io.reco.jobs.together;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.SequenceFiles;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.similarity.SimilarItemsJob;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.schema.ScoredLists;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.mapred.AvroKey;
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
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Frequently bought together: per item a, the items b bought in the same basket ({@link Baskets}: one order, else
 * one session, else one user's day) in at least {@code reco.together.min-support} baskets, scored by log-likelihood
 * over the baskets ({@link BoughtTogether}), top {@code reco.together.top-k}. Three passes, as
 * {@code cross-occurrence}: by basket (its distinct items, sampled down to {@code reco.together.max-basket} with a
 * fixed seed, paired, and the baskets per item), a sum by key (with a combiner), and by item (its pairs scored
 * against the other items' basket counts, which every reduce task holds in memory). Reads silver purchases only.
 *
 * <p>{@code hadoop jar reco-jobs.jar bought-together --input runs/<run>/silver/clickstream --output work/together}
 */
@Command(name = BoughtTogetherJob.NAME, description = "items bought in the same basket (LLR) -> top-K per item")
public final class BoughtTogetherJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "bought-together";
  /** Baskets an item pair must share to be kept. */
  public static final String MIN_SUPPORT = "reco.together.min-support";
  /** Neighbours kept per item. */
  public static final String TOP_K = "reco.together.top-k";
  /** Distinct items of a basket above which it is sampled down to this many. */
  public static final String MAX_BASKET = "reco.together.max-basket";
  /** Baskets, set by the driver for the scoring pass. */
  static final String BASKETS = "reco.together.baskets";
  /** Where the scoring pass finds the baskets per item; set by the driver. */
  static final String COUNTS = "reco.together.counts";
  /** Marks a marginal key: the baskets with an item. */
  private static final String ITEM = "\u0000I\t";

  /** What a run read and wrote. */
  public record Result(long events, long purchases, long baskets, long basketsSampled, long itemsWithNeighbours) {
  }

  /** Emits {@code basket -> item} for each silver purchase. */
  public static final class PurchaseMapper extends Mapper<AvroKey<InteractionEvent>, NullWritable, Text, Text> {
    private final Text basket = new Text();
    private final Text item = new Text();
    private long read;
    private long purchases;

    @Override
    protected void map(AvroKey<InteractionEvent> key, NullWritable none, Context context)
        throws IOException, InterruptedException {
      InteractionEvent e = key.datum();
      read++;
      if (e.getEventType() != EventType.purchase) {
        return;
      }
      purchases++;
      basket.set(Baskets.key(e.getUserId(), e.getOrderId(), e.getSessionId(), e.getTimestamp()));
      item.set(e.getProductId());
      context.write(basket, item);
    }

    @Override
    protected void cleanup(Context context) {
      context.getCounter(TogetherCounters.EVENTS_READ).increment(read);
      context.getCounter(TogetherCounters.PURCHASES).increment(purchases);
      context.getCounter(TogetherCounters.OTHER_EVENTS).increment(read - purchases);
    }
  }

  /** Pairs a basket's distinct items (each pair once, the smaller id first) and counts the basket for each item. */
  public static final class BasketReducer extends Reducer<Text, Text, Text, LongWritable> {
    private static final LongWritable ONE = new LongWritable(1);
    private final Text key = new Text();
    private int maxBasket;
    private long seed;

    @Override
    protected void setup(Context context) {
      maxBasket = Settings.getInt(context.getConfiguration(), MAX_BASKET);
      seed = Settings.getLong(context.getConfiguration(), SimilarItemsJob.RANDOM_SEED);
    }

    @Override
    protected void reduce(Text basket, Iterable<Text> values, Context context)
        throws IOException, InterruptedException {
      TreeSet<String> distinct = new TreeSet<>();
      values.forEach(v -> distinct.add(v.toString()));
      String id = basket.toString();
      context.getCounter(TogetherCounters.BASKETS).increment(1);
      context.getCounter(switch (Baskets.Kind.of(id)) {
        case ORDER -> TogetherCounters.BASKETS_BY_ORDER;
        case SESSION -> TogetherCounters.BASKETS_BY_SESSION;
        case DAY -> TogetherCounters.BASKETS_BY_DAY;
      }).increment(1);
      if (distinct.size() > maxBasket) {
        context.getCounter(TogetherCounters.BASKETS_SAMPLED).increment(1);
      }
      List<String> items = Baskets.sample(new ArrayList<>(distinct), maxBasket, seed, id);
      for (int i = 0; i < items.size(); i++) {
        write(ITEM + items.get(i), context);
        for (int j = i + 1; j < items.size(); j++) {
          write(items.get(i) + "\t" + items.get(j), context);
        }
      }
    }

    private void write(String k, Context context) throws IOException, InterruptedException {
      key.set(k);
      context.write(key, ONE);
    }
  }

  /** Routes each pair with the support to both of its items; leaves the marginals to the reducers' setup. */
  public static final class ByItemMapper extends Mapper<Text, LongWritable, Text, Text> {
    private final Text item = new Text();
    private final Text value = new Text();
    private long minSupport;

    @Override
    protected void setup(Context context) {
      minSupport = Settings.getLong(context.getConfiguration(), MIN_SUPPORT);
    }

    @Override
    protected void map(Text key, LongWritable count, Context context) throws IOException, InterruptedException {
      String k = key.toString();
      if (k.startsWith(ITEM)) {
        return;
      }
      if (count.get() < minSupport) {
        context.getCounter(TogetherCounters.PAIRS_BELOW_SUPPORT).increment(1);
        return;
      }
      int tab = k.indexOf('\t');
      String a = k.substring(0, tab);
      String b = k.substring(tab + 1);
      emit(a, b, count.get(), context);
      emit(b, a, count.get(), context);
    }

    private void emit(String from, String to, long support, Context context)
        throws IOException, InterruptedException {
      item.set(from);
      value.set(to + "\t" + support);
      context.write(item, value);
    }
  }

  /** Scores an item's pairs and keeps the best. */
  public static final class ScoreReducer extends Reducer<Text, Text, Text, BytesWritable> {
    private final Map<String, Long> withItem = new HashMap<>();
    private final BytesWritable list = new BytesWritable();
    private long baskets;
    private int k;

    @Override
    protected void setup(Context context) throws IOException {
      Configuration conf = context.getConfiguration();
      baskets = conf.getLong(BASKETS, 0);
      k = Settings.getInt(conf, TOP_K);
      Text key = new Text();
      LongWritable value = new LongWritable();
      SequenceFiles.read(conf, new Path(conf.get(COUNTS)), key, value, () -> {
        String name = key.toString();
        if (name.startsWith(ITEM)) {
          withItem.put(name.substring(ITEM.length()), value.get());
        }
      });
    }

    @Override
    protected void reduce(Text item, Iterable<Text> values, Context context) throws IOException, InterruptedException {
      long withA = withItem.getOrDefault(item.toString(), 0L);
      List<BoughtTogether.Candidate> candidates = new ArrayList<>();
      for (Text value : values) {
        String[] f = value.toString().split("\t", 2);
        long support = Long.parseLong(f[1]);
        double score = BoughtTogether.score(support, withA, withItem.getOrDefault(f[0], 0L), baskets);
        if (score > 0) {
          candidates.add(new BoughtTogether.Candidate(f[0], support, score));
        } else {
          context.getCounter(TogetherCounters.PAIRS_NOT_ASSOCIATED).increment(1);
        }
      }
      if (!candidates.isEmpty()) {
        byte[] encoded = ScoredLists.encode(BoughtTogether.best(candidates, k));
        list.set(encoded, 0, encoded.length);
        context.write(item, list);
        context.getCounter(TogetherCounters.ITEMS_WITH_NEIGHBOURS).increment(1);
      }
    }
  }

  /** The settings a run needs, checked before any pass starts. */
  static void checkSettings(Configuration conf) {
    for (String key : List.of(MIN_SUPPORT, TOP_K)) {
      if (Settings.getInt(conf, key) < 1) {
        throw new IllegalArgumentException(key + " must be at least 1, was " + Settings.getInt(conf, key));
      }
    }
    if (Settings.getInt(conf, MAX_BASKET) < 2) {
      throw new IllegalArgumentException(MAX_BASKET + " must be at least 2 (a pair), was "
          + Settings.getInt(conf, MAX_BASKET));
    }
  }

  /** Builds the first pass, by basket, over the silver events under {@code silver}, without running it. */
  public static Job createJob(Configuration conf, Path silver, Path crossed) throws IOException {
    checkSettings(conf);
    Job job = Job.getInstance(conf, NAME + ": by basket");
    job.setJarByClass(BoughtTogetherJob.class);
    SilverEvents.input(job, silver);
    job.setMapperClass(PurchaseMapper.class);
    job.setReducerClass(BasketReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(Text.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(LongWritable.class);
    job.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, crossed);
    return job;
  }

  /**
   * Runs the three passes over the silver events under {@code silver} into {@code output}; an output without any
   * list (no purchases, or no pair with the support) holds no data file.
   */
  public static Result run(Configuration conf, Path silver, Path output) throws Exception {
    Path work = new Path(output.getParent(), output.getName() + "-work");
    output.getFileSystem(conf).delete(work, true);
    Counters byBasket = Jobs.run(createJob(conf, silver, new Path(work, "crossed"))).getCounters();
    long baskets = byBasket.findCounter(TogetherCounters.BASKETS).getValue();

    Job sum = Job.getInstance(conf, NAME + ": sum");
    sum.setJarByClass(BoughtTogetherJob.class);
    sum.setInputFormatClass(SequenceFileInputFormat.class);
    FileInputFormat.addInputPath(sum, new Path(work, "crossed"));
    sum.setCombinerClass(LongSumReducer.class);
    sum.setReducerClass(LongSumReducer.class);
    sum.setOutputKeyClass(Text.class);
    sum.setOutputValueClass(LongWritable.class);
    sum.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(sum, new Path(work, "counts"));
    Jobs.run(sum);

    Job score = Job.getInstance(conf, NAME + ": score");
    score.getConfiguration().setLong(BASKETS, baskets);
    score.getConfiguration().set(COUNTS, new Path(work, "counts").toString());
    score.setJarByClass(BoughtTogetherJob.class);
    score.setInputFormatClass(SequenceFileInputFormat.class);
    FileInputFormat.addInputPath(score, new Path(work, "counts"));
    score.setMapperClass(ByItemMapper.class);
    score.setReducerClass(ScoreReducer.class);
    score.setMapOutputKeyClass(Text.class);
    score.setMapOutputValueClass(Text.class);
    ScoredListOutput.configure(score);
    LazyOutputFormat.setOutputFormatClass(score, SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(score, output);
    Counters scored = Jobs.run(score).getCounters();
    return new Result(byBasket.findCounter(TogetherCounters.EVENTS_READ).getValue(),
        byBasket.findCounter(TogetherCounters.PURCHASES).getValue(), baskets,
        byBasket.findCounter(TogetherCounters.BASKETS_SAMPLED).getValue(),
        scored.findCounter(TogetherCounters.ITEMS_WITH_NEIGHBOURS).getValue());
  }

  @Option(names = "--input", required = true, description = "Silver clickstream of a bronze-to-silver run (Avro).")
  private Path input;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Result r = run(getConf(), input, output);
    System.out.printf("%s: %d purchases of %d events in %d baskets (%d sampled down): %d items with neighbours%n",
        NAME, r.purchases(), r.events(), r.baskets(), r.basketsSampled(), r.itemsWithNeighbours());
    return 0;
  }
}
