package io.reco.jobs.popularity;

import io.reco.ingest.common.Args;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.TopK;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.schema.PopularLists;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
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
import org.apache.hadoop.util.Tool;

/**
 * The global popularity list: each item scores the sum, over the users who touched it, of their strongest event
 * weight; the top {@value #DEFAULT_SIZE} (see {@link #SIZE}) are kept, scores scaled so the first is 1.
 *
 * <p>{@code hadoop jar reco-jobs.jar popularity --interactions work/interactions --output work/popular}
 */
public final class PopularityJob extends Configured implements Tool {
  /** Name in the job driver. */
  public static final String NAME = "popularity";
  /** Length of the list. */
  public static final String SIZE = "reco.popular.size";
  /** Default of {@link #SIZE}. */
  public static final int DEFAULT_SIZE = 100;

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
      int size = context.getConfiguration().getInt(SIZE, DEFAULT_SIZE);
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

  @Override
  public int run(String[] argv) throws Exception {
    Args args = Args.parse(NAME, argv, Args.names("interactions", "output"));
    Jobs.run(createJob(getConf(), new Path(args.required("interactions")), new Path(args.required("output"))));
    System.out.println(NAME + ": wrote the '" + PopularLists.GLOBAL + "' list to " + args.required("output"));
    return 0;
  }
}
