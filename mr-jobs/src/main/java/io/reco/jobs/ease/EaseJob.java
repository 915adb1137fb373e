package io.reco.jobs.ease;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.interactions.PairsByUserMapper;
import io.reco.jobs.similarity.TopNeighboursReducer;
import io.reco.records.Settings;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Per item, its top-K neighbours by EASE weight ({@link Ease}), as a ranked list ready for {@code load-lists}: the
 * {@code ease} indicator. The users' baskets meet in one reducer, which models the {@link #MAX_ITEMS} items with
 * the most users (the dense inverse needs {@code 16 n^2} bytes) and writes their lists when its input is done.
 *
 * <p>{@code hadoop jar reco-jobs.jar ease --interactions work/interactions --output work/ease}
 */
@Command(name = EaseJob.NAME, description = "EASE item-to-item weights (closed form) -> top-K lists")
public final class EaseJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "ease";
  /** The L2 penalty. */
  public static final String LAMBDA = "reco.models.ease.lambda";
  /** Items modelled at most: the most used ones. */
  public static final String MAX_ITEMS = "reco.models.ease.max-items";

  /** What one run produced. */
  public record Result(long users, long itemsModelled, long itemsLeftOut, long itemsWithNeighbours) {
  }

  /** Gathers every basket, then fits EASE and writes each modelled item's neighbours. */
  public static final class EaseReducer extends Reducer<Text, Text, Text, BytesWritable> {
    private final List<List<String>> baskets = new ArrayList<>();
    private final Map<String, int[]> users = new HashMap<>();

    @Override
    protected void reduce(Text user, Iterable<Text> items, Context context) {
      List<String> basket = new ArrayList<>();
      for (Text item : items) {
        String id = PairsByUserMapper.item(item.toString());
        basket.add(id);
        users.computeIfAbsent(id, i -> new int[1])[0]++;
      }
      baskets.add(basket);
      context.getCounter(EaseCounters.USERS).increment(1);
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      Configuration conf = context.getConfiguration();
      int maxItems = Settings.getInt(conf, MAX_ITEMS);
      int topK = Settings.getInt(conf, TopNeighboursReducer.TOP_K);
      List<String> modelled = mostUsed(users, maxItems);
      context.getCounter(EaseCounters.ITEMS_MODELLED).increment(modelled.size());
      context.getCounter(EaseCounters.ITEMS_LEFT_OUT).increment(users.size() - modelled.size());
      if (modelled.isEmpty()) {
        return;
      }
      Ease ease = Ease.fit(baskets, modelled, Settings.getDouble(conf, LAMBDA));
      baskets.clear();
      Text key = new Text();
      BytesWritable value = new BytesWritable();
      for (String item : modelled) {
        List<ScoredItem> neighbours = ease.neighbours(item, topK);
        if (!neighbours.isEmpty()) {
          byte[] encoded = ScoredLists.encode(neighbours);
          key.set(item);
          value.set(encoded, 0, encoded.length);
          context.write(key, value);
          context.getCounter(EaseCounters.ITEMS_WITH_NEIGHBOURS).increment(1);
        }
      }
    }
  }

  /** The {@code max} items with the most users, ties by id. */
  public static List<String> mostUsed(Map<String, int[]> users, int max) {
    return users.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
            .thenComparing(Map.Entry::getKey))
        .limit(max).map(Map.Entry::getKey).toList();
  }

  /** Builds the job without running it; {@code interactions} is the interactions job's output. */
  public static Job createJob(Configuration conf, Path interactions, Path output) throws IOException {
    int maxItems = Settings.getInt(conf, MAX_ITEMS);
    if (maxItems < 1 || maxItems > 20_000) {
      throw new IllegalArgumentException(MAX_ITEMS + " must be 1 to 20000 (the inverse takes 16 n^2 bytes), was "
          + maxItems);
    }
    double lambda = Settings.getDouble(conf, LAMBDA);
    if (!(lambda > 0)) {
      throw new IllegalArgumentException(LAMBDA + " must be more than 0, was " + lambda);
    }
    Job job = Job.getInstance(conf, NAME);
    job.setJarByClass(EaseJob.class);
    job.setInputFormatClass(TextInputFormat.class);
    FileInputFormat.addInputPath(job, new Path(interactions, "pairs"));
    job.setMapperClass(PairsByUserMapper.class);
    job.setReducerClass(EaseReducer.class);
    job.setNumReduceTasks(1);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(Text.class);
    ScoredListOutput.configure(job);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  /** Runs the job. */
  public static Result run(Configuration conf, Path interactions, Path output) throws Exception {
    Job job = Jobs.run(createJob(conf, interactions, output));
    Map<String, Long> counts = Jobs.counts(job, EaseCounters.class);
    return new Result(counts.get("users"), counts.get("items_modelled"), counts.get("items_left_out"),
        counts.get("items_with_neighbours"));
  }

  @Option(names = "--interactions", required = true, description = "Output of the interactions job.")
  private Path interactions;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Result result = run(getConf(), interactions, output);
    System.out.printf("%s: %d users, %d items modelled (%d left out), %d items with neighbours%n", NAME,
        result.users(), result.itemsModelled(), result.itemsLeftOut(), result.itemsWithNeighbours());
    return 0;
  }
}
