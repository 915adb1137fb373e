package io.reco.jobs.toppicks;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.CatalogIndex;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListFiles;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.TaggedKey;
import io.reco.jobs.interactions.InteractionsReducer;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.jobs.recent.UserRecentJob;
import io.reco.ranking.RankingSettings;
import io.reco.ranking.TopPicks;
import io.reco.records.Settings;
import io.reco.schema.PopularLists;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Precomputes the top picks of the active users - those with an interaction in the last
 * {@code reco.ranking.precompute-active-days} - with {@link TopPicks}, the servlet's ranking, over the run's lists:
 * their history, exclusions, the blended neighbours of their seeds and the global popularity list. The servlet serves
 * these and ranks the other users on the fly, so both get the same answer. Three passes: by user (activity, history,
 * exclusions; each active user's seeds), by seed item (its neighbours joined to the users who need them), by user
 * (ranked, the best {@code reco.ranking.precompute-k} kept).
 *
 * <p>{@code hadoop jar reco-jobs.jar top-picks --interactions w/interactions --history w/history
 * --neighbours w/indicators/blended --popular w/popular --as-of 2026-11-08T00:00:00Z --output w/top-picks}
 */
@Command(name = TopPicksJob.NAME, description = "active users' top picks, ranked as the service ranks them")
public final class TopPicksJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "top-picks";
  /** Users with an interaction this many days before the run's end are precomputed. */
  public static final String ACTIVE_DAYS = "reco.ranking.precompute-active-days";
  /** Items kept per precomputed user: the longest list the service answers from it. */
  public static final String PRECOMPUTE_K = "reco.ranking.precompute-k";
  /** Set by the driver: the earliest interaction time that makes a user active, epoch ms. */
  static final String ACTIVE_SINCE = "reco.toppicks.active-since";
  /** Set by the driver: the popularity output to read the global list from. */
  static final String POPULAR = "reco.toppicks.popular";
  private static final String USERS = "users";
  private static final String SEEDS = "seeds";
  /** The by-seed pass's key tags: a seed's neighbour list sorts before the users' requests for it. */
  private static final byte LIST_FIRST = 0;
  private static final byte REQUESTS_AFTER = 1;

  /** What a run wrote. */
  public record Result(long users, long activeUsers, long precomputed) {
  }

  /** {@code user -> TIME(last interaction)} from the interactions' pairs. */
  public static final class ActivityMapper extends Mapper<LongWritable, Text, Text, BytesWritable> {
    private final Text user = new Text();
    private final BytesWritable value = new BytesWritable();

    @Override
    protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
      UserItemPair pair = UserItemPair.parse(line.toString());
      user.set(pair.userId());
      Tagged.set(value, Tagged.TIME, ByteBuffer.allocate(8).putLong(pair.lastTimestamp()).array(), 8);
      context.write(user, value);
    }
  }

  /** {@code user -> tag(list)}: a list of the user's, tagged by what it is. */
  abstract static class ListMapper extends Mapper<Text, BytesWritable, Text, BytesWritable> {
    private final BytesWritable value = new BytesWritable();
    private final byte tag;

    ListMapper(byte tag) {
      this.tag = tag;
    }

    @Override
    protected void map(Text user, BytesWritable list, Context context) throws IOException, InterruptedException {
      Tagged.set(value, tag, list.getBytes(), list.getLength());
      context.write(user, value);
    }
  }

  /** {@code user -> HISTORY(list)}. */
  public static final class HistoryMapper extends ListMapper {
    /** A mapper of the user-recent lists. */
    public HistoryMapper() {
      super(Tagged.HISTORY);
    }
  }

  /** {@code user -> EXCLUDED(list)}. */
  public static final class ExcludedMapper extends ListMapper {
    /** A mapper of the exclusion lists. */
    public ExcludedMapper() {
      super(Tagged.EXCLUDED);
    }
  }

  /** Keeps the active users' history and exclusions, and sends each of their seeds a request. */
  public static final class UserReducer extends Reducer<Text, BytesWritable, Text, BytesWritable> {
    private final Text seed = new Text();
    private final BytesWritable request = new BytesWritable();
    private MultipleOutputs<Text, BytesWritable> outputs;
    private TopPicks ranker;
    private long activeSince;

    @Override
    protected void setup(Context context) {
      outputs = new MultipleOutputs<>(context);
      ranker = RankingSettings.topPicks(context.getConfiguration());
      activeSince = context.getConfiguration().getLong(ACTIVE_SINCE, Long.MIN_VALUE);
    }

    @Override
    protected void reduce(Text user, Iterable<BytesWritable> values, Context context)
        throws IOException, InterruptedException {
      long last = Long.MIN_VALUE;
      byte[] history = null;
      byte[] excluded = null;
      for (BytesWritable value : values) {
        switch (Tagged.tag(value)) {
          case Tagged.TIME -> last = Math.max(last, ByteBuffer.wrap(Tagged.payload(value)).getLong());
          case Tagged.HISTORY -> history = Tagged.payload(value);
          case Tagged.EXCLUDED -> excluded = Tagged.payload(value);
          default -> throw new IllegalStateException("unknown tag " + Tagged.tag(value));
        }
      }
      if (history == null) {
        return;
      }
      context.getCounter(TopPicksCounters.USERS).increment(1);
      if (last < activeSince) {
        return;
      }
      context.getCounter(TopPicksCounters.ACTIVE_USERS).increment(1);
      BytesWritable kept = new BytesWritable();
      Tagged.set(kept, Tagged.HISTORY, history, history.length);
      outputs.write(USERS, user, kept, USERS + "/part");
      if (excluded != null) {
        Tagged.set(kept, Tagged.EXCLUDED, excluded, excluded.length);
        outputs.write(USERS, user, kept, USERS + "/part");
      }
      byte[] id = user.copyBytes();
      Tagged.set(request, Tagged.USER, id, id.length);
      for (String s : ranker.seeds(ScoredLists.decode(history))) {
        seed.set(s);
        outputs.write(SEEDS, seed, request, SEEDS + "/part");
        context.getCounter(TopPicksCounters.SEEDS).increment(1);
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      outputs.close();
    }
  }

  /** {@code (item, first) -> NEIGHBOURS(list)}: sorted before the item's requests. */
  public static final class NeighboursMapper extends Mapper<Text, BytesWritable, TaggedKey, BytesWritable> {
    private final TaggedKey key = new TaggedKey();
    private final BytesWritable value = new BytesWritable();

    @Override
    protected void map(Text item, BytesWritable list, Context context) throws IOException, InterruptedException {
      Tagged.set(value, Tagged.NEIGHBOURS, list.getBytes(), list.getLength());
      context.write(key.set(item.toString(), LIST_FIRST), value);
    }
  }

  /** {@code (seed, after) -> USER(user)}: a user's request for a seed's neighbours. */
  public static final class RequestMapper extends Mapper<Text, BytesWritable, TaggedKey, BytesWritable> {
    private final TaggedKey key = new TaggedKey();

    @Override
    protected void map(Text seed, BytesWritable request, Context context) throws IOException, InterruptedException {
      context.write(key.set(seed.toString(), REQUESTS_AFTER), request);
    }
  }

  /**
   * Sends a seed's neighbours to every user who asked for them: {@code user -> SEED(seed, list)}. The list sorts
   * first, so the requests stream past in constant memory however many users share the seed.
   */
  public static final class SeedReducer extends Reducer<TaggedKey, BytesWritable, Text, BytesWritable> {
    private final Text user = new Text();
    private final BytesWritable out = new BytesWritable();

    @Override
    protected void reduce(TaggedKey item, Iterable<BytesWritable> values, Context context)
        throws IOException, InterruptedException {
      Iterator<BytesWritable> it = values.iterator();
      BytesWritable first = it.next();
      if (Tagged.tag(first) != Tagged.NEIGHBOURS) {
        return; // a seed without neighbours: its requests get nothing
      }
      byte[] payload = Tagged.seed(item.idAsString(), Tagged.payload(first));
      Tagged.set(out, Tagged.SEED, payload, payload.length);
      while (it.hasNext()) {
        BytesWritable request = it.next();
        user.set(request.getBytes(), 1, request.getLength() - 1);
        context.write(user, out);
      }
    }
  }

  /** Ranks one user's picks with {@link TopPicks}, as the servlet does. */
  public static final class RankReducer extends Reducer<Text, BytesWritable, Text, BytesWritable> {
    private final BytesWritable out = new BytesWritable();
    private TopPicks ranker;
    private List<ScoredItem> popular;
    private int k;
    private Set<String> unavailable;

    @Override
    protected void setup(Context context) throws IOException {
      Configuration conf = context.getConfiguration();
      ranker = RankingSettings.topPicks(conf);
      unavailable = CatalogIndex.load(conf).unavailable();
      k = Settings.getInt(conf, PRECOMPUTE_K);
      popular = ScoredListFiles.read(conf, new Path(conf.get(POPULAR))).getOrDefault(PopularLists.GLOBAL, List.of());
    }

    @Override
    protected void reduce(Text user, Iterable<BytesWritable> values, Context context)
        throws IOException, InterruptedException {
      List<ScoredItem> history = List.of();
      Set<String> excluded = new HashSet<>();
      Map<String, List<ScoredItem>> neighbours = new HashMap<>();
      for (BytesWritable value : values) {
        byte[] payload = Tagged.payload(value);
        switch (Tagged.tag(value)) {
          case Tagged.HISTORY -> history = ScoredLists.decode(payload);
          case Tagged.EXCLUDED -> ScoredLists.decode(payload).forEach(i -> excluded.add(i.getId()));
          case Tagged.SEED -> neighbours.put(Tagged.seedId(payload), ScoredLists.decode(Tagged.seedList(payload)));
          default -> throw new IllegalStateException("unknown tag " + Tagged.tag(value));
        }
      }
      // what the service's default rules never answer stays out, so the service can answer the row as it is
      TopPicks.Answer answer = ranker.rank(history, TopPicks.union(excluded, unavailable), seeds -> neighbours,
          popular, k);
      if (answer.strategy().equals("personalized")) {
        byte[] encoded = ScoredLists.encode(answer.items());
        out.set(encoded, 0, encoded.length);
        context.write(user, out);
        context.getCounter(TopPicksCounters.PRECOMPUTED).increment(1);
      }
    }
  }

  /**
   * Runs the three passes into {@code output}: the active users' picks, as {@code load-lists} takes them, none of
   * the silver {@code catalog}'s inactive or out-of-stock products (null: no catalog).
   */
  public static Result run(Configuration conf, Path interactions, Path history, Path neighbours, Path popular,
      Path catalog, Instant asOf, Path output) throws Exception {
    Path work = new Path(output.getParent(), output.getName() + "-work");
    FileSystem fs = output.getFileSystem(conf);
    fs.delete(work, true);
    int days = Settings.getInt(conf, ACTIVE_DAYS);
    if (days < 0) {
      throw new IllegalArgumentException(ACTIVE_DAYS + " must be 0 or more, was " + days);
    }
    Job byUser = Job.getInstance(conf, NAME + ": by user");
    byUser.setJarByClass(TopPicksJob.class);
    byUser.getConfiguration().setLong(ACTIVE_SINCE, asOf.minus(Duration.ofDays(days)).toEpochMilli());
    MultipleInputs.addInputPath(byUser, new Path(interactions, InteractionsReducer.PAIRS), TextInputFormat.class,
        ActivityMapper.class);
    MultipleInputs.addInputPath(byUser, new Path(history, UserRecentJob.RECENT), SequenceFileInputFormat.class,
        HistoryMapper.class);
    if (fs.exists(new Path(history, UserRecentJob.EXCLUDED))) {
      MultipleInputs.addInputPath(byUser, new Path(history, UserRecentJob.EXCLUDED), SequenceFileInputFormat.class,
          ExcludedMapper.class);
    }
    byUser.setReducerClass(UserReducer.class);
    byUser.setMapOutputKeyClass(Text.class);
    byUser.setMapOutputValueClass(BytesWritable.class);
    byUser.setOutputKeyClass(Text.class);
    byUser.setOutputValueClass(BytesWritable.class);
    LazyOutputFormat.setOutputFormatClass(byUser, SequenceFileOutputFormat.class);
    MultipleOutputs.addNamedOutput(byUser, USERS, SequenceFileOutputFormat.class, Text.class, BytesWritable.class);
    MultipleOutputs.addNamedOutput(byUser, SEEDS, SequenceFileOutputFormat.class, Text.class, BytesWritable.class);
    FileOutputFormat.setOutputPath(byUser, new Path(work, "by-user"));
    Job users = Jobs.run(byUser);
    long withHistory = users.getCounters().findCounter(TopPicksCounters.USERS).getValue();
    long active = users.getCounters().findCounter(TopPicksCounters.ACTIVE_USERS).getValue();
    if (active == 0) {
      return new Result(withHistory, 0, 0);
    }

    Job bySeed = Job.getInstance(conf, NAME + ": by seed");
    bySeed.setJarByClass(TopPicksJob.class);
    MultipleInputs.addInputPath(bySeed, new Path(new Path(work, "by-user"), SEEDS), SequenceFileInputFormat.class,
        RequestMapper.class);
    MultipleInputs.addInputPath(bySeed, neighbours, SequenceFileInputFormat.class, NeighboursMapper.class);
    bySeed.setReducerClass(SeedReducer.class);
    TaggedKey.shuffle(bySeed);
    bySeed.setMapOutputValueClass(BytesWritable.class);
    bySeed.setOutputKeyClass(Text.class);
    bySeed.setOutputValueClass(BytesWritable.class);
    bySeed.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(bySeed, new Path(work, "by-seed"));
    Jobs.run(bySeed);

    Job rank = Job.getInstance(conf, NAME + ": rank");
    rank.setJarByClass(TopPicksJob.class);
    rank.getConfiguration().set(POPULAR, popular.toString());
    CatalogIndex.use(rank.getConfiguration(), catalog);
    rank.setInputFormatClass(SequenceFileInputFormat.class);
    FileInputFormat.addInputPath(rank, new Path(new Path(work, "by-user"), USERS));
    FileInputFormat.addInputPath(rank, new Path(work, "by-seed"));
    rank.setReducerClass(RankReducer.class);
    rank.setMapOutputKeyClass(Text.class);
    rank.setMapOutputValueClass(BytesWritable.class);
    ScoredListOutput.configure(rank);
    FileOutputFormat.setOutputPath(rank, output);
    Job ranked = Jobs.run(rank);
    fs.delete(work, true);
    return new Result(withHistory, active, ranked.getCounters().findCounter(TopPicksCounters.PRECOMPUTED).getValue());
  }

  @Option(names = "--interactions", required = true, description = "Output of the interactions job.")
  private Path interactions;
  @Option(names = "--history", required = true, description = "Output of the user-recent job.")
  private Path history;
  @Option(names = "--neighbours", required = true, description = "The blended neighbours (indicators/blended).")
  private Path neighbours;
  @Option(names = "--popular", required = true, description = "Output of the popularity job.")
  private Path popular;
  @Option(names = "--as-of", required = true, description = "The run's end, ISO-8601 (activity counts back from it).")
  private Instant asOf;
  @Option(names = "--catalog", description = "The silver catalog: its inactive and out-of-stock products are left out.")
  private Path catalog;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Result result = run(getConf(), interactions, history, neighbours, popular, catalog, asOf, output);
    System.out.printf("%s: %d users with a history, %d active, %d precomputed into %s%n", NAME, result.users(),
        result.activeUsers(), result.precomputed(), output);
    return 0;
  }
}
