package io.reco.jobs.popularity;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.CatalogIndex;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.TopK;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.records.Settings;
import io.reco.schema.PopularLists;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The global popularity list: each item scores the sum, over the users who touched it, of their strongest event
 * weight; the top {@link #SIZE} are kept, scores scaled so the first is 1.
 *
 * <p>{@code hadoop jar reco-jobs.jar popularity --interactions work/interactions --output work/popular}
 */
@Command(name = PopularityJob.NAME, description = "popularity lists: global and per category")
public final class PopularityJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "popularity";
  /** Length of the list. */
  public static final String SIZE = "reco.popular.size";

  /** Emits {@code item -> weight} for every pair. */
  public static final class WeightMapper extends Mapper<LongWritable, Text, Text, LongWritable> {
    private final Text item = new Text();
    private final LongWritable weight = new LongWritable();

    @Override
    protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
      UserItemPair pair = UserItemPair.parse(line.toString());
      item.set(pair.itemId());
      weight.set(pair.weight());
      context.write(item, weight);
    }
  }

  /**
   * Sums each item's weight and keeps the best, over all items and per category of the catalog (when the job names
   * one); the single reducer writes the lists when it is done.
   */
  public static final class TopItemsReducer extends Reducer<Text, LongWritable, Text, BytesWritable> {
    private final Map<String, TopK> byCategory = new TreeMap<>();
    private TopK top;
    private CatalogIndex catalog;
    private int size;

    @Override
    protected void setup(Context context) throws IOException {
      size = Settings.getInt(context.getConfiguration(), SIZE);
      if (size < 1) {
        throw new IllegalArgumentException(SIZE + " must be at least 1, was " + size);
      }
      top = new TopK(size);
      catalog = CatalogIndex.load(context.getConfiguration());
    }

    @Override
    protected void reduce(Text item, Iterable<LongWritable> weights, Context context) {
      long sum = 0;
      for (LongWritable w : weights) {
        sum += w.get();
      }
      top.offer(item.toString(), sum);
      String category = catalog.category(item.toString());
      if (category != null) {
        byCategory.computeIfAbsent(category, c -> new TopK(size)).offer(item.toString(), sum);
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      if (top.isEmpty()) {
        return;
      }
      write(PopularLists.GLOBAL, top, context);
      for (Map.Entry<String, TopK> category : byCategory.entrySet()) {
        write(PopularLists.category(category.getKey()), category.getValue(), context);
      }
    }

    /** One list, scaled so that its most popular item scores 1. */
    private static void write(String name, TopK list, Context context) throws IOException, InterruptedException {
      List<ScoredItem> best = list.best();
      double max = best.get(0).getScore();
      List<ScoredItem> scaled = new ArrayList<>(best.size());
      for (ScoredItem s : best) {
        scaled.add(new ScoredItem(s.getId(), s.getScore() / max));
      }
      context.write(new Text(name), new BytesWritable(ScoredLists.encode(scaled)));
    }
  }

  /** Builds the job without running it: the global list only. */
  public static Job createJob(Configuration conf, Path interactions, Path output) throws IOException {
    return createJob(conf, interactions, null, output);
  }

  /** Builds the job without running it; with a {@code catalog} (silver Avro), a list per category too. */
  public static Job createJob(Configuration conf, Path interactions, Path catalog, Path output) throws IOException {
    Job job = Job.getInstance(conf, NAME);
    CatalogIndex.use(job.getConfiguration(), catalog);
    job.setJarByClass(PopularityJob.class);
    job.setInputFormatClass(TextInputFormat.class);
    FileInputFormat.addInputPath(job, new Path(interactions, "pairs"));
    job.setMapperClass(WeightMapper.class);
    job.setCombinerClass(LongSumReducer.class);
    job.setReducerClass(TopItemsReducer.class);
    job.setNumReduceTasks(1);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(LongWritable.class);
    ScoredListOutput.configure(job);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  @Option(names = "--interactions", required = true, description = "Output of the interactions job.")
  private Path interactions;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;
  @Option(names = "--catalog", description = "The silver catalog (Avro): a list per category too.")
  private Path catalog;

  @Override
  protected int execute() throws Exception {
    Job job = Jobs.run(createJob(getConf(), interactions, catalog, output));
    System.out.println(NAME + ": wrote " + job.getCounters().findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue()
        + " lists ('" + PopularLists.GLOBAL + "' and one per category) to " + output);
    return 0;
  }
}
