package io.reco.jobs.popularity;

import io.reco.commands.RecoTool;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
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
@Command(name = PopularityJob.NAME, description = "global popularity list")
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

  /** Sums each item's weight and keeps the best; the single reducer writes the list when it is done. */
  public static final class TopItemsReducer extends Reducer<Text, LongWritable, Text, BytesWritable> {
    private TopK top;

    @Override
    protected void setup(Context context) {
      int size = Settings.getInt(context.getConfiguration(), SIZE);
      if (size < 1) {
        throw new IllegalArgumentException(SIZE + " must be at least 1, was " + size);
      }
      top = new TopK(size);
    }

    @Override
    protected void reduce(Text item, Iterable<LongWritable> weights, Context context) {
      long sum = 0;
      for (LongWritable w : weights) {
        sum += w.get();
      }
      top.offer(item.toString(), sum);
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      if (top.isEmpty()) {
        return;
      }
      List<ScoredItem> best = top.best();
      double max = best.get(0).getScore();
      List<ScoredItem> scaled = new ArrayList<>(best.size());
      for (ScoredItem s : best) {
        scaled.add(new ScoredItem(s.getId(), s.getScore() / max));
      }
      byte[] encoded = ScoredLists.encode(scaled);
      context.write(new Text(PopularLists.GLOBAL), new BytesWritable(encoded));
    }
  }

  /** Builds the job without running it. */
  public static Job createJob(Configuration conf, Path interactions, Path output) throws IOException {
    Job job = Job.getInstance(conf, NAME);
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

  @Override
  protected int execute() throws Exception {
    Jobs.run(createJob(getConf(), interactions, output));
    System.out.println(NAME + ": wrote the '" + PopularLists.GLOBAL + "' list to " + output);
    return 0;
  }
}
