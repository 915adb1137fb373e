package io.reco.jobs.features;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.FeatureRunOptions;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.SilverEvents;
import io.reco.records.avro.InteractionEvent;
import io.reco.schema.FeatureCells;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Per-item features of a bronze-to-silver run's clickstream ({@code ItemFeatures}: counts by type, distinct
 * users, popularity, smoothed conversion rate, average rating and price, recency and trending scores, as of the
 * run's end), written as the cells of {@code reco:item_features} - item id to {@code FeatureCells} bytes, in
 * SequenceFiles - for {@code load-lists}.
 *
 * <p>{@code hadoop jar reco-jobs.jar item-features --input runs/<run>/silver/clickstream
 * --output runs/<run>/gold/item_features --as-of 2026-11-08T00:00:00Z}
 */
@Command(name = ItemFeaturesJob.NAME, description = "silver clickstream -> item feature cells for load-lists")
public final class ItemFeaturesJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "item-features";
  /** Set by the job for its tasks: the time the features are computed as of, UTC epoch ms. */
  static final String AS_OF = "reco.features.items-as-of";

  /** The job's counters. */
  public enum Counters { EVENTS, ITEMS }

  /** What one run read and wrote. */
  public record Result(long events, long items) {
  }

  /** Keys each event by its item. */
  public static final class ItemMapper
      extends Mapper<AvroKey<InteractionEvent>, NullWritable, Text, AvroValue<InteractionEvent>> {
    private final Text item = new Text();
    private final AvroValue<InteractionEvent> value = new AvroValue<>();

    @Override
    protected void map(AvroKey<InteractionEvent> event, NullWritable ignored, Context context)
        throws IOException, InterruptedException {
      item.set(event.datum().getProductId());
      value.datum(event.datum());
      context.write(item, value);
    }
  }

  /** One item's events into its feature cell. */
  public static final class FeaturesReducer extends Reducer<Text, AvroValue<InteractionEvent>, Text, BytesWritable> {
    private ItemFeaturesBuilder features;
    private final BytesWritable cell = new BytesWritable();

    @Override
    protected void setup(Context context) {
      features = new ItemFeaturesBuilder(context.getConfiguration().getLong(AS_OF, 0));
    }

    @Override
    protected void reduce(Text item, Iterable<AvroValue<InteractionEvent>> events, Context context)
        throws IOException, InterruptedException {
      features.item();
      for (AvroValue<InteractionEvent> event : events) {
        features.add(event.datum());
        context.getCounter(Counters.EVENTS).increment(1);
      }
      byte[] bytes = FeatureCells.encode(features.build());
      cell.set(bytes, 0, bytes.length);
      context.write(item, cell);
      context.getCounter(Counters.ITEMS).increment(1);
    }
  }

  /** Builds the job over the silver events under {@code silver}, features as of {@code asOf}, without running it. */
  public static Job createJob(Configuration conf, Path silver, Path output, Instant asOf) throws IOException {
    Job job = Job.getInstance(conf, NAME);
    job.getConfiguration().setLong(AS_OF, asOf.toEpochMilli());
    job.setJarByClass(ItemFeaturesJob.class);
    SilverEvents.input(job, silver);
    job.setMapperClass(ItemMapper.class);
    job.setMapOutputKeyClass(Text.class);
    AvroJob.setMapOutputValueSchema(job, InteractionEvent.getClassSchema());
    job.setReducerClass(FeaturesReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(BytesWritable.class);
    job.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  /** Reads the counters of a finished job; a run over no events fails. */
  public static Result check(Job job) throws IOException {
    long events = SilverEvents.requireEvents(job, Counters.EVENTS);
    return new Result(events, job.getCounters().findCounter(Counters.ITEMS).getValue());
  }

  @Mixin
  private FeatureRunOptions run;

  @Override
  protected int execute() throws Exception {
    print(System.out, check(Jobs.run(createJob(getConf(), run.input(), run.output(), run.asOf()))));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: %d silver events: features of %d items%n", NAME, r.events(), r.items());
  }
}
