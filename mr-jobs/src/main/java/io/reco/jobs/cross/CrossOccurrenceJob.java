package io.reco.jobs.cross;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.MahoutIds;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.SequenceFiles;
import io.reco.jobs.common.TopK;
import io.reco.jobs.interactions.InteractionWeights;
import io.reco.jobs.interactions.PairsByUserMapper;
import io.reco.jobs.similarity.SimilarItemsJob;
import io.reco.jobs.similarity.TopNeighboursReducer;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code cross} indicator, as the Universal Recommender's cross-occurrence: per item a, the items b that users
 * who had a (any event) bought, scored by log-likelihood ({@link CrossOccurrence}), top-K. Mahout's MapReduce code
 * has no such job. Three passes: by user (each user's items, sampled down to {@code reco.similar.max-prefs} with a
 * fixed seed, crossed with the items they bought, and the marginal counts), a sum by key (with a combiner), and by
 * item a (its pairs scored against the buyers' counts, which every reduce task holds in memory).
 *
 * <p>{@code hadoop jar reco-jobs.jar cross-occurrence --interactions work/interactions --output work/cross}
 */
@Command(name = CrossOccurrenceJob.NAME, description = "items bought after any event on an item (LLR) -> top-K")
public final class CrossOccurrenceJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "cross-occurrence";
  /** The indicator's name in {@code reco.ranking.indicator-weights}. */
  public static final String INDICATOR = "cross";
  /** Users, set by the driver for the scoring pass. */
  static final String USERS = "reco.cross.users";
  /** Where the scoring pass finds the counts of buyers per item; set by the driver. */
  static final String COUNTS = "reco.cross.counts";
  /** Marks a marginal key: users with an item, or buyers of an item. */
  private static final String HAD = "\u0000A\t";
  private static final String BOUGHT = "\u0000B\t";
  private static final int PURCHASE = InteractionWeights.of(EventType.purchase);

  /** What a run wrote. */
  public record Result(long users, long itemsWithNeighbours) {
  }

  /** Crosses each user's items with what they bought; counts the marginals. */
  public static final class CrossReducer extends Reducer<Text, Text, Text, LongWritable> {
    private static final LongWritable ONE = new LongWritable(1);
    private final Text key = new Text();
    private int maxPrefs;
    private long seed;

    @Override
    protected void setup(Context context) {
      maxPrefs = Settings.getInt(context.getConfiguration(), SimilarItemsJob.MAX_PREFS);
      seed = Settings.getLong(context.getConfiguration(), SimilarItemsJob.RANDOM_SEED);
    }

    @Override
    protected void reduce(Text user, Iterable<Text> values, Context context) throws IOException, InterruptedException {
      List<String> had = new ArrayList<>();
      List<String> bought = new ArrayList<>();
      for (Text value : values) {
        String text = value.toString();
        String item = PairsByUserMapper.item(text);
        had.add(item);
        if (PairsByUserMapper.weight(text) == PURCHASE) {
          bought.add(item);
        }
      }
      context.getCounter(CrossCounters.USERS).increment(1);
      had = sample(had, user.toString(), context);
      bought = sample(bought, user.toString(), context);
      for (String a : had) {
        write(HAD + a, context);
      }
      for (String b : bought) {
        write(BOUGHT + b, context);
      }
      for (String a : had) {
        for (String b : bought) {
          if (!a.equals(b)) {
            write(a + "\t" + b, context);
          }
        }
      }
    }

    private List<String> sample(List<String> items, String user, Context context) {
      if (items.size() <= maxPrefs) {
        return items;
      }
      context.getCounter(CrossCounters.USERS_SAMPLED).increment(1);
      Collections.sort(items);
      Collections.shuffle(items, new Random(seed ^ MahoutIds.of(user)));
      return items.subList(0, maxPrefs);
    }

    private void write(String k, Context context) throws IOException, InterruptedException {
      key.set(k);
      context.write(key, ONE);
    }
  }

  /** Routes each pair to its first item, and each first item's count to it too. */
  public static final class ByItemMapper extends Mapper<Text, LongWritable, Text, Text> {
    private final Text item = new Text();
    private final Text value = new Text();

    @Override
    protected void map(Text key, LongWritable count, Context context) throws IOException, InterruptedException {
      String k = key.toString();
      if (k.startsWith(BOUGHT)) {
        return;
      }
      if (k.startsWith(HAD)) {
        item.set(k.substring(HAD.length()));
        value.set("#\t" + count.get());
      } else {
        int tab = k.indexOf('\t');
        item.set(k.substring(0, tab));
        value.set(k.substring(tab + 1) + "\t" + count.get());
      }
      context.write(item, value);
    }
  }

  /** Scores an item's pairs and keeps the best. */
  public static final class ScoreReducer extends Reducer<Text, Text, Text, BytesWritable> {
    private final Map<String, Long> buyers = new HashMap<>();
    private final BytesWritable list = new BytesWritable();
    private long users;
    private TopK top;

    @Override
    protected void setup(Context context) throws IOException {
      Configuration conf = context.getConfiguration();
      users = conf.getLong(USERS, 0);
      top = new TopK(Settings.getInt(conf, TopNeighboursReducer.TOP_K));
      readBuyers(conf, new Path(conf.get(COUNTS)), buyers);
    }

    @Override
    protected void reduce(Text item, Iterable<Text> values, Context context) throws IOException, InterruptedException {
      long withA = 0;
      List<String[]> pairs = new ArrayList<>();
      for (Text value : values) {
        String[] f = value.toString().split("\t", 2);
        if (f[0].equals("#")) {
          withA = Long.parseLong(f[1]);
        } else {
          pairs.add(f);
        }
      }
      top.clear();
      for (String[] pair : pairs) {
        double score = CrossOccurrence.score(Long.parseLong(pair[1]), withA, buyers.getOrDefault(pair[0], 0L), users);
        if (score > 0) {
          top.offer(pair[0], score);
        }
      }
      if (!top.isEmpty()) {
        top.encodeInto(list);
        context.write(item, list);
        context.getCounter(CrossCounters.ITEMS_WITH_NEIGHBOURS).increment(1);
      }
    }
  }

  private static void readBuyers(Configuration conf, Path counts, Map<String, Long> into) throws IOException {
    Text key = new Text();
    LongWritable value = new LongWritable();
    SequenceFiles.read(conf, counts, key, value, () -> {
      String k = key.toString();
      if (k.startsWith(BOUGHT)) {
        into.put(k.substring(BOUGHT.length()), value.get());
      }
    });
  }

  /** Runs the three passes over {@code interactions} (an interactions output) into {@code output}. */
  public static Result run(Configuration conf, Path interactions, Path output) throws Exception {
    Path work = new Path(output.getParent(), output.getName() + "-work");
    FileSystem fs = output.getFileSystem(conf);
    fs.delete(work, true);
    Job cross = Job.getInstance(conf, NAME + ": by user");
    cross.setJarByClass(CrossOccurrenceJob.class);
    cross.setInputFormatClass(TextInputFormat.class);
    FileInputFormat.addInputPath(cross, new Path(interactions, "pairs"));
    cross.setMapperClass(PairsByUserMapper.class);
    cross.setReducerClass(CrossReducer.class);
    cross.setMapOutputKeyClass(Text.class);
    cross.setMapOutputValueClass(Text.class);
    cross.setOutputKeyClass(Text.class);
    cross.setOutputValueClass(LongWritable.class);
    cross.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(cross, new Path(work, "crossed"));
    long users = Jobs.run(cross).getCounters().findCounter(CrossCounters.USERS).getValue();

    Job sum = Job.getInstance(conf, NAME + ": sum");
    sum.setJarByClass(CrossOccurrenceJob.class);
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
    score.getConfiguration().setLong(USERS, users);
    score.getConfiguration().set(COUNTS, new Path(work, "counts").toString());
    score.setJarByClass(CrossOccurrenceJob.class);
    score.setInputFormatClass(SequenceFileInputFormat.class);
    FileInputFormat.addInputPath(score, new Path(work, "counts"));
    score.setMapperClass(ByItemMapper.class);
    score.setReducerClass(ScoreReducer.class);
    score.setMapOutputKeyClass(Text.class);
    score.setMapOutputValueClass(Text.class);
    ScoredListOutput.configure(score);
    FileOutputFormat.setOutputPath(score, output);
    Job done = Jobs.run(score);
    return new Result(users, done.getCounters().findCounter(CrossCounters.ITEMS_WITH_NEIGHBOURS).getValue());
  }

  @Option(names = "--interactions", required = true, description = "Output of the interactions job.")
  private Path interactions;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Result result = run(getConf(), interactions, output);
    System.out.printf("%s: %d users, %d items with neighbours%n", NAME, result.users(), result.itemsWithNeighbours());
    return 0;
  }
}
