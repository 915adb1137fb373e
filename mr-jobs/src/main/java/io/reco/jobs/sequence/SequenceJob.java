package io.reco.jobs.sequence;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.TopK;
import io.reco.jobs.interactions.InteractionsReducer;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.jobs.similarity.SimilarItemsJob;
import io.reco.jobs.similarity.TopNeighboursReducer;
import io.reco.records.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code sequence} indicator: per item a, the items users had next ({@link SequenceRules}: each item at most
 * {@code reco.sequence.steps} later, weighted 1 / distance), summed over users, top-K. What a visitor's session goes
 * on to, which co-occurrence ignores. Each user's items are ordered by their last event; a user with more than
 * {@code reco.similar.max-prefs} items keeps the newest. Two passes: by user (the rules, keyed by their first item),
 * then by item (summed, with a combiner, the best K kept).
 *
 * <p>{@code hadoop jar reco-jobs.jar sequence --interactions work/interactions --output work/sequence}
 */
@Command(name = SequenceJob.NAME, description = "items users had next after an item (sequential rules) -> top-K")
public final class SequenceJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "sequence";
  /** The indicator's name in {@code reco.ranking.indicator-weights}. */
  public static final String INDICATOR = "sequence";
  /** How many positions later an item may come and still follow one. */
  public static final String STEPS = "reco.sequence.steps";

  /** What a run wrote. */
  public record Result(long users, long itemsWithNeighbours) {
  }

  /** {@code user -> lastTimestamp TAB item}. */
  public static final class ByUserMapper extends Mapper<LongWritable, Text, Text, Text> {
    private final Text user = new Text();
    private final Text value = new Text();

    @Override
    protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
      UserItemPair pair = UserItemPair.parse(line.toString());
      user.set(pair.userId());
      value.set(pair.lastTimestamp() + "\t" + pair.itemId());
      context.write(user, value);
    }
  }

  /**
   * Orders a user's items by time and emits their rules as {@code before -> after TAB weight}, summed in memory over
   * the task's users first (at most {@link #HELD_RULES} (before, after) pairs at a time, then written and
   * forgotten): the same sums, a fraction of the records for the second pass to sort.
   */
  public static final class RulesReducer extends Reducer<Text, Text, Text, Text> {
    /** The (before, after) pairs a task sums in memory before it writes them. */
    static final int HELD_RULES = 200_000;
    private final Text before = new Text();
    private final Text rule = new Text();
    private final Map<String, Map<String, double[]>> held = new HashMap<>();
    private int heldRules;
    private long rules;
    private int steps;
    private int maxItems;

    @Override
    protected void setup(Context context) {
      steps = Settings.getInt(context.getConfiguration(), STEPS);
      if (steps < 1) {
        throw new IllegalArgumentException(STEPS + " must be at least 1, was " + steps);
      }
      maxItems = Settings.getInt(context.getConfiguration(), SimilarItemsJob.MAX_PREFS);
    }

    @Override
    protected void reduce(Text user, Iterable<Text> values, Context context) throws IOException, InterruptedException {
      List<String[]> timed = new ArrayList<>();
      for (Text value : values) {
        timed.add(value.toString().split("\t", 2));
      }
      // by time, ties by item: the order does not depend on the shuffle
      timed.sort((a, b) -> {
        int byTime = Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0]));
        return byTime != 0 ? byTime : a[1].compareTo(b[1]);
      });
      context.getCounter(SequenceCounters.USERS).increment(1);
      if (timed.size() > maxItems) {
        context.getCounter(SequenceCounters.USERS_TRUNCATED).increment(1);
        timed = timed.subList(timed.size() - maxItems, timed.size());
      }
      List<String> items = timed.stream().map(t -> t[1]).toList();
      SequenceRules.emit(items, steps, (a, b, weight) -> {
        rules++;
        double[] sum = held.computeIfAbsent(a, x -> new HashMap<>()).putIfAbsent(b, new double[] {weight});
        if (sum != null) {
          sum[0] += weight;
        } else if (++heldRules >= HELD_RULES) {
          flush(context);
        }
      });
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      flush(context);
      context.getCounter(SequenceCounters.RULES).increment(rules);
    }

    private void flush(Context context) throws IOException, InterruptedException {
      for (Map.Entry<String, Map<String, double[]>> from : held.entrySet()) {
        before.set(from.getKey());
        for (Map.Entry<String, double[]> to : from.getValue().entrySet()) {
          rule.set(to.getKey() + "\t" + to.getValue()[0]);
          context.write(before, rule);
        }
      }
      held.clear();
      heldRules = 0;
    }
  }

  /** Sums an item's rules per successor: {@code before -> after TAB summed weight}, one value per successor. */
  public static final class SumCombiner extends Reducer<Text, Text, Text, Text> {
    private final Text out = new Text();

    @Override
    protected void reduce(Text item, Iterable<Text> rules, Context context) throws IOException, InterruptedException {
      for (Map.Entry<String, double[]> sum : sum(rules).entrySet()) {
        out.set(sum.getKey() + "\t" + sum.getValue()[0]);
        context.write(item, out);
      }
    }
  }

  /** Sums an item's rules and keeps the best K successors. */
  public static final class TopReducer extends Reducer<Text, Text, Text, BytesWritable> {
    private final BytesWritable list = new BytesWritable();
    private TopK top;

    @Override
    protected void setup(Context context) {
      top = new TopK(Settings.getInt(context.getConfiguration(), TopNeighboursReducer.TOP_K));
    }

    @Override
    protected void reduce(Text item, Iterable<Text> rules, Context context) throws IOException, InterruptedException {
      top.clear();
      sum(rules).forEach((after, weight) -> top.offer(after, weight[0]));
      if (!top.isEmpty()) {
        top.encodeInto(list);
        context.write(item, list);
        context.getCounter(SequenceCounters.ITEMS_WITH_NEIGHBOURS).increment(1);
      }
    }
  }

  private static Map<String, double[]> sum(Iterable<Text> rules) {
    Map<String, double[]> sums = new HashMap<>();
    for (Text rule : rules) {
      String text = rule.toString();
      int tab = text.indexOf('\t');
      sums.computeIfAbsent(text.substring(0, tab), b -> new double[1])[0] += Double.parseDouble(text.substring(tab + 1));
    }
    return sums;
  }

  /** Runs both passes over {@code interactions} (an interactions output) into {@code output}. */
  public static Result run(Configuration conf, Path interactions, Path output) throws Exception {
    Path rules = new Path(output.getParent(), output.getName() + "-rules");
    FileSystem fs = output.getFileSystem(conf);
    fs.delete(rules, true);
    Job byUser = Job.getInstance(conf, NAME + ": by user");
    byUser.setJarByClass(SequenceJob.class);
    byUser.setInputFormatClass(TextInputFormat.class);
    FileInputFormat.addInputPath(byUser, new Path(interactions, InteractionsReducer.PAIRS));
    byUser.setMapperClass(ByUserMapper.class);
    byUser.setReducerClass(RulesReducer.class);
    byUser.setMapOutputKeyClass(Text.class);
    byUser.setMapOutputValueClass(Text.class);
    byUser.setOutputKeyClass(Text.class);
    byUser.setOutputValueClass(Text.class);
    byUser.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(byUser, rules);
    long users = Jobs.run(byUser).getCounters().findCounter(SequenceCounters.USERS).getValue();

    Job byItem = Job.getInstance(conf, NAME + ": by item");
    byItem.setJarByClass(SequenceJob.class);
    byItem.setInputFormatClass(SequenceFileInputFormat.class);
    FileInputFormat.addInputPath(byItem, rules);
    byItem.setCombinerClass(SumCombiner.class);
    byItem.setReducerClass(TopReducer.class);
    byItem.setMapOutputKeyClass(Text.class);
    byItem.setMapOutputValueClass(Text.class);
    ScoredListOutput.configure(byItem);
    FileOutputFormat.setOutputPath(byItem, output);
    Job done = Jobs.run(byItem);
    fs.delete(rules, true);
    return new Result(users, done.getCounters().findCounter(SequenceCounters.ITEMS_WITH_NEIGHBOURS).getValue());
  }

  @Option(names = "--interactions", required = true, description = "Output of the interactions job.")
  private Path interactions;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Result result = run(getConf(), interactions, output);
    System.out.printf("%s: %d users, %d items with successors%n", NAME, result.users(), result.itemsWithNeighbours());
    return 0;
  }
}
