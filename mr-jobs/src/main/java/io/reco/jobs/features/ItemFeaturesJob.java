package io.reco.jobs.features;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.EventWindow;
import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.FeatureRunOptions;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.common.TaggedKey;
import io.reco.jobs.common.WindowedRecordMapper;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.ItemState;
import io.reco.records.avro.Product;
import io.reco.records.avro.ProductMetadata;
import io.reco.schema.avro.ItemFeatures;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Silver to gold for items, in {@code <gold>/items/}, in two passes:
 * <ol>
 *   <li>per item: the catalog entry, the product metadata, the previous state and the new events in time order
 *   give {@code state/dt=<last day>/} ({@code ItemState}: counts, a HyperLogLog sketch of the users, views of the
 *   recent days) and the item's own features - popularity, smoothed conversion rate, average rating and price,
 *   recency and trending scores, catalog attributes, the metadata API's popularity, sentiment and trend;</li>
 *   <li>per catalog category: the price percentile within the category and the category's share of all views,
 *   into {@code features/dt=<last day>/} ({@code ItemFeatures}), the cells of {@code reco:item_features}.</li>
 * </ol>
 * Every catalog product gets features, with or without events. As with {@code sessions}, a chain of daily runs
 * ({@code --previous}) and one full run over the same days give the same state and features.
 *
 * <p>{@code hadoop jar reco-jobs.jar item-features --input runs/<run>/silver/clickstream --masters
 * runs/<run>/silver --previous runs/<yesterday>/gold --output runs/<run>/gold --as-of 2026-11-08T00:00:00Z}
 */
@Command(name = ItemFeaturesJob.NAME, description = "silver clickstream + catalog -> gold item state and features")
public final class ItemFeaturesJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "item-features";
  /** The job's directory under the gold directory. */
  public static final String DIR = "items";
  /** The item states' directory under the job's. */
  public static final String STATE = "state";
  /** The item features' directory under the job's: the input of the load into {@code reco:item_features}. */
  public static final String FEATURES = "features";
  /** How many days of daily views an item's state keeps. */
  public static final String RECENT_DAYS = "reco.features.recent-days";
  /** The first pass's features, before the category-wide ones; removed when the second pass is done. */
  static final String PARTIAL = "partial";
  /** Set by the job for the second pass's tasks: the views of every item. */
  static final String TOTAL_VIEWS = "reco.features.total-views";
  private static final byte PRODUCT = 1;
  private static final byte METADATA = 2;
  private static final byte STATE_TAG = 3;
  private static final byte EVENT = 4;
  private static final Schema INPUT = Schema.createUnion(Product.getClassSchema(),
      ProductMetadata.getClassSchema(), ItemState.getClassSchema(), InteractionEvent.getClassSchema());

  /** The job's counters. */
  public enum Counters {
    /** Items with features. */
    ITEMS,
    /** Of those, items in the catalog. */
    IN_CATALOG,
    /** Of those, items without any event. */
    WITHOUT_EVENTS,
    /** The views of every item, for the category shares. */
    VIEWS
  }

  /** What one run read and wrote. */
  public record Result(EventWindow.Counts events, long items, long inCatalog, long withoutEvents) {
  }

  /** Keys everything by item: catalog entry, metadata, previous state, then the events in time order. */
  public static final class ItemMapper extends WindowedRecordMapper {
    @Override
    protected TaggedKey key(Object datum, TaggedKey key) {
      if (datum instanceof InteractionEvent e) {
        return key.set(e.getProductId(), EVENT).thenBy(e.getTimestamp()).thenBy(e.getEventId());
      }
      if (datum instanceof ItemState s) {
        return key.set(s.getItemId(), STATE_TAG);
      }
      if (datum instanceof ProductMetadata m) {
        return key.set(m.getProductId(), METADATA);
      }
      return key.set(((Product) datum).getProductId(), PRODUCT);
    }
  }

  /** One item: its new state and its own features. */
  public static final class StateReducer extends Reducer<TaggedKey, AvroValue<Object>, NullWritable, NullWritable> {
    private ItemActivity activity;
    private long asOf;
    private DatedAvroFiles<ItemState> states;
    private DatedAvroFiles<ItemFeatures> partial;

    @Override
    protected void setup(Context context) {
      activity = new ItemActivity(Settings.getInt(context.getConfiguration(), RECENT_DAYS));
      asOf = EventWindow.asOf(context.getConfiguration());
      states = new DatedAvroFiles<>(context, STATE, ItemState.getClassSchema());
      partial = new DatedAvroFiles<>(context, PARTIAL, ItemFeatures.getClassSchema());
    }

    @Override
    protected void reduce(TaggedKey item, Iterable<AvroValue<Object>> values, Context context)
        throws IOException, InterruptedException {
      Product product = null;
      ProductMetadata metadata = null;
      boolean started = false;
      for (AvroValue<Object> value : values) {
        Object datum = value.datum();
        if (datum instanceof Product p) {
          product = Product.newBuilder(p).build();
        } else if (datum instanceof ProductMetadata m) {
          metadata = ProductMetadata.newBuilder(m).build();
        } else {
          if (!started) {
            activity.start(item.idAsString(), datum instanceof ItemState s ? s : null);
            started = true;
          }
          if (datum instanceof InteractionEvent e) {
            activity.add(e);
          }
        }
      }
      if (!started) {
        if (product == null) {
          return; // metadata of a product neither in the catalog nor seen
        }
        activity.start(item.idAsString(), null);
        context.getCounter(Counters.WITHOUT_EVENTS).increment(1);
      } else {
        ItemState state = activity.state(asOf);
        states.write(state, asOf - 1);
        context.getCounter(Counters.VIEWS).increment(state.getViews());
      }
      partial.write(activity.features(asOf, product, metadata), asOf - 1);
      context.getCounter(Counters.ITEMS).increment(1);
      if (product != null) {
        context.getCounter(Counters.IN_CATALOG).increment(1);
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException {
      states.close();
      partial.close();
    }
  }

  /** Keys each item's features by its category. */
  public static final class CategoryMapper
      extends Mapper<AvroKey<ItemFeatures>, NullWritable, Text, AvroValue<ItemFeatures>> {
    private final Text category = new Text();
    private final AvroValue<ItemFeatures> value = new AvroValue<>();

    @Override
    protected void map(AvroKey<ItemFeatures> item, NullWritable ignored, Context context)
        throws IOException, InterruptedException {
      // items outside the catalog under the empty key: catalog categories are never empty
      category.set(item.datum().getCategory() == null ? "" : item.datum().getCategory());
      value.datum(item.datum());
      context.write(category, value);
    }
  }

  /** One category's items: their category-wide features, then every item's features to the gold files. */
  public static final class CategoryReducer
      extends Reducer<Text, AvroValue<ItemFeatures>, NullWritable, NullWritable> {
    private long asOf;
    private long totalViews;
    private DatedAvroFiles<ItemFeatures> features;

    @Override
    protected void setup(Context context) {
      asOf = EventWindow.asOf(context.getConfiguration());
      totalViews = context.getConfiguration().getLong(TOTAL_VIEWS, 0);
      features = new DatedAvroFiles<>(context, "", ItemFeatures.getClassSchema());
    }

    @Override
    protected void reduce(Text category, Iterable<AvroValue<ItemFeatures>> values, Context context)
        throws IOException, InterruptedException {
      List<ItemFeatures> items = new ArrayList<>();
      values.forEach(v -> items.add(ItemFeatures.newBuilder(v.datum()).build()));
      CategoryFeatures.apply(category.getLength() == 0 ? null : category.toString(), items, totalViews);
      for (ItemFeatures item : items) {
        features.write(item, asOf - 1);
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException {
      features.close();
    }
  }

  /** Builds the first pass: per item, the new state and the item's own features. */
  public static Job createStateJob(Configuration conf, FeatureInputs in, Path gold, Instant asOf)
      throws IOException {
    Job job = Job.getInstance(conf, NAME + " (state)");
    EventWindow.set(job.getConfiguration(), NAME, in.mergedUpTo(conf, DIR), asOf);
    job.setJarByClass(ItemFeaturesJob.class);
    FeatureInputs.taggedShuffle(job, INPUT, in.eventsAnd(in.master(conf, FeatureInputs.CATALOG),
        in.master(conf, FeatureInputs.METADATA), in.previous(DIR, STATE)), ItemMapper.class, StateReducer.class,
        new Path(gold, DIR));
    return job;
  }

  /** Builds the second pass over the first's output: per category, the features of every item. */
  public static Job createCategoryJob(Configuration conf, Path gold, Instant asOf, long totalViews)
      throws IOException {
    Job job = Job.getInstance(conf, NAME + " (categories)");
    job.getConfiguration().setLong(EventWindow.AS_OF, asOf.toEpochMilli());
    job.getConfiguration().setLong(TOTAL_VIEWS, totalViews);
    job.setJarByClass(ItemFeaturesJob.class);
    FeatureInputs.avroInputs(job, ItemFeatures.getClassSchema(), new Path(new Path(gold, DIR), PARTIAL));
    job.setMapperClass(CategoryMapper.class);
    job.setMapOutputKeyClass(Text.class);
    AvroJob.setMapOutputValueSchema(job, ItemFeatures.getClassSchema());
    job.setReducerClass(CategoryReducer.class);
    SilverEvents.output(job, new Path(new Path(gold, DIR), FEATURES));
    return job;
  }

  /** Runs both passes and writes the run record. */
  public static Result run(Configuration conf, FeatureInputs in, Path gold, Instant asOf)
      throws IOException, InterruptedException {
    Job state = Jobs.run(createStateJob(conf, in, gold, asOf));
    EventWindow.Counts events = EventWindow.check(state);
    org.apache.hadoop.mapreduce.Counters c = state.getCounters();
    long items = c.findCounter(Counters.ITEMS).getValue();
    if (items == 0) {
      SilverEvents.requireEvents(state, EventWindow.Counters.EVENTS);
      throw new JobFailedException(NAME + ": no item has an event in the run's window or a catalog entry");
    }
    Jobs.run(createCategoryJob(conf, gold, asOf, c.findCounter(Counters.VIEWS).getValue()));
    Path dir = new Path(gold, DIR);
    dir.getFileSystem(conf).delete(new Path(dir, PARTIAL), true);
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("catalog", in.master(conf, FeatureInputs.CATALOG));
    inputs.put("product_metadata", in.master(conf, FeatureInputs.METADATA));
    in.record(conf, dir, NAME, asOf, inputs, List.of(STATE, FEATURES, EventWindow.UNMERGED),
        Jobs.counts(state, EventWindow.Counters.class, Counters.class));
    return new Result(events, items, c.findCounter(Counters.IN_CATALOG).getValue(),
        c.findCounter(Counters.WITHOUT_EVENTS).getValue());
  }

  @Mixin
  private FeatureRunOptions run;

  @Override
  protected int execute() throws Exception {
    print(System.out, run(getConf(), run.inputs(), run.output(), run.asOf()));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: %s: features of %d items (%d in the catalog, %d without events)%n", NAME, r.events(),
        r.items(), r.inCatalog(), r.withoutEvents());
  }
}
