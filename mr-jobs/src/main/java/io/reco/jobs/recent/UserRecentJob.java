package io.reco.jobs.recent;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.TopK;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.records.Settings;
import java.io.IOException;
import java.time.Instant;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Per user, the {@link #MAX_ITEMS} items with the best
 * {@link RecencyScore recency score} as of a given instant.
 *
 * <p>{@code hadoop jar reco-jobs.jar user-recent --interactions work/interactions --as-of 2026-11-08T00:00:00Z
 * --output work/recent}
 */
@Command(name = UserRecentJob.NAME, description = "per user, recent items weighted by strength and age")
public final class UserRecentJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "user-recent";
  /** Items kept per user. */
  public static final String MAX_ITEMS = "reco.recent.max-items";
  /** Half-life of an interaction's score, in hours. */
  public static final String HALF_LIFE_HOURS = "reco.recent.half-life-hours";
  /** The instant ages are measured from, epoch millis; set by {@link #createJob}. */
  static final String AS_OF = "reco.recent.as-of-millis";

  /** Emits {@code user -> score TAB item}. */
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
      scored.set(RecencyScore.of(pair.weight(), pair.lastTimestamp(), asOf, halfLife) + "\t" + pair.itemId());
      context.write(user, scored);
    }
  }

  /** Keeps each user's best items. */
  public static final class RecentItemsReducer extends Reducer<Text, Text, Text, BytesWritable> {
    private final BytesWritable list = new BytesWritable();
    private TopK top;

    @Override
    protected void setup(Context context) {
      top = new TopK(Settings.getInt(context.getConfiguration(), MAX_ITEMS));
    }

    @Override
    protected void reduce(Text user, Iterable<Text> values, Context context) throws IOException, InterruptedException {
      top.clear();
      for (Text value : values) {
        String text = value.toString();
        int tab = text.indexOf('\t');
        top.offer(text.substring(tab + 1), Double.parseDouble(text.substring(0, tab)));
      }
      top.encodeInto(list);
      context.write(user, list);
    }
  }

  /** Builds the job without running it. */
  public static Job createJob(Configuration conf, Path interactions, Instant asOf, Path output) throws IOException {
    int halfLife = Settings.getInt(conf, HALF_LIFE_HOURS);
    if (halfLife < 1) {
      throw new IllegalArgumentException(HALF_LIFE_HOURS + " must be at least 1, was " + halfLife);
    }
    Job job = Job.getInstance(conf, NAME);
    job.getConfiguration().setLong(AS_OF, asOf.toEpochMilli());
    job.setJarByClass(UserRecentJob.class);
    job.setInputFormatClass(TextInputFormat.class);
    FileInputFormat.addInputPath(job, new Path(interactions, "pairs"));
    job.setMapperClass(ScoreMapper.class);
    job.setReducerClass(RecentItemsReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(Text.class);
    ScoredListOutput.configure(job);
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
