package io.reco.jobs.evaluate;

import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.MahoutIds;
import io.reco.jobs.common.TextFiles;
import io.reco.jobs.indicators.IndicatorsJob;
import io.reco.jobs.interactions.InteractionWeights;
import io.reco.jobs.interactions.InteractionsReducer;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.jobs.popularity.PopularityJob;
import io.reco.jobs.recent.UserRecentJob;
import io.reco.ranking.RankingSettings;
import io.reco.ranking.TopPicks;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The validation figures of a pipeline run's model, what {@code model promote} compares: the newest
 * {@link #SHARE} of the run's interactions is held out (by their last event, ties by user and item, as
 * {@link Holdout#global} cuts), the model jobs that top picks weigh are trained with the run's settings on the
 * rest, and every held-out user's top picks, ranked as the service ranks them, are scored against their held-out
 * items of the {@link #RELEVANT} types.
 *
 * <p>Its memory does not grow with the run's interactions: they are read as a stream twice (the count of each
 * minute, which tells the minute the cut falls in; then the split, written for the jobs, with only that minute's
 * pairs sorted), and the driver holds only the held-out users' relevant items, their history, exclusions and
 * their seeds' neighbours, and a count per item for the novelty.
 */
public final class ModelValidation {
  /** The newest share of the interactions held out. */
  public static final String SHARE = "reco.models.validation-share";
  /** Event types that make a held-out item relevant. */
  public static final String RELEVANT = "reco.models.validation-relevant";
  private static final long MINUTE = 60_000L;

  /** The figures ({@code ndcg@10}...) and the users they are over. */
  public record Result(Map<String, Double> metrics, long users) {
  }

  /** Takes one pair of a stream. */
  private interface PairSink {
    void accept(UserItemPair pair) throws IOException;
  }

  private ModelValidation() {
  }

  /**
   * Validates the model trained on {@code interactions} (an interactions output) with {@code conf}'s settings;
   * {@code catalog} (silver, or null) tells the repeat-purchase categories and the products never answered.
   */
  public static Result run(Configuration conf, Path interactions, Path catalog, Path dir, int k) throws Exception {
    double share = Settings.getDouble(conf, SHARE);
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException(SHARE + " must lie between 0 and 1, was " + share);
    }
    Set<Integer> relevant = new HashSet<>();
    for (String name : conf.getTrimmedStrings(RELEVANT)) {
      relevant.add(InteractionWeights.of(EventType.valueOf(name)));
    }
    Path pairs = new Path(interactions, InteractionsReducer.PAIRS);
    FileSystem fs = dir.getFileSystem(conf);
    fs.delete(dir, true);

    // the count of each minute; the cut falls in the minute where the newest share begins
    TreeMap<Long, long[]> minutes = new TreeMap<>();
    forEachPair(conf, pairs, pair -> minutes.computeIfAbsent(pair.lastTimestamp() / MINUTE, m -> new long[1])[0]++);
    long n = minutes.values().stream().mapToLong(c -> c[0]).sum();
    long testFrom = n - Math.round(n * share);
    long before = 0;
    long cutMinute = Long.MAX_VALUE;
    for (Map.Entry<Long, long[]> minute : minutes.entrySet()) {
      if (before + minute.getValue()[0] > testFrom) {
        cutMinute = minute.getKey();
        break;
      }
      before += minute.getValue()[0];
    }

    // the split: older minutes train, newer ones are held out, the cut's minute sorted and cut where Holdout cuts
    Path train = new Path(dir, "interactions");
    Map<String, Set<String>> wanted = new LinkedHashMap<>();
    Map<String, Integer> usersByItem = new HashMap<>();
    Set<Long> trainUsers = new HashSet<>();
    long[] newest = {0};
    List<UserItemPair> atCut = new ArrayList<>();
    long cut = cutMinute;
    try (InteractionFiles out = new InteractionFiles(conf, train)) {
      PairSink toTrain = pair -> {
        out.write(pair);
        usersByItem.merge(pair.itemId(), 1, Integer::sum);
        trainUsers.add(MahoutIds.of(pair.userId()));
        newest[0] = Math.max(newest[0], pair.lastTimestamp());
      };
      PairSink heldOut = pair -> {
        if (relevant.contains(pair.weight())) {
          wanted.computeIfAbsent(pair.userId(), u -> new LinkedHashSet<>()).add(pair.itemId());
        }
      };
      forEachPair(conf, pairs, pair -> {
        long minute = pair.lastTimestamp() / MINUTE;
        if (minute < cut) {
          toTrain.accept(pair);
        } else if (minute > cut) {
          heldOut.accept(pair);
        } else {
          atCut.add(pair);
        }
      });
      atCut.sort(Holdout.BY_TIME);
      for (int i = 0; i < atCut.size(); i++) {
        (before + i < testFrom ? toTrain : heldOut).accept(atCut.get(i));
      }
    }

    // the model jobs top picks weigh; an anonymous session's indicators are not trained again
    Configuration picks = new Configuration(conf);
    picks.set(RankingSettings.SESSION_INDICATOR_WEIGHTS, Settings.get(conf, RankingSettings.INDICATOR_WEIGHTS));
    Path indicators = new Path(dir, "indicators");
    IndicatorsJob.run(picks, train, indicators);
    Jobs.run(PopularityJob.createJob(conf, train, new Path(dir, "popular")));
    Path history = new Path(dir, "history");
    Jobs.run(UserRecentJob.createJob(conf, train, Instant.ofEpochMilli(newest[0] + 1), catalog, history));

    // what the held-out users' answers read, as the service reads it
    TrainedLists lists = TrainedLists.of(conf, dir, catalog, wanted.keySet());
    Map<String, List<ScoredItem>> neighbours = lists.indicators.get(IndicatorsJob.BLENDED);
    TopPicks ranker = RankingSettings.topPicks(conf);
    RankingMetrics metrics = new RankingMetrics(k, usersByItem, trainUsers.size(), usersByItem.size());
    for (Map.Entry<String, Set<String>> user : wanted.entrySet()) {
      metrics.add(lists.served(ranker, neighbours, user.getKey(), k), user.getValue());
    }
    Map<String, Double> figures = metrics.figures();
    figures.remove("users");
    return new Result(figures, metrics.users());
  }

  /** Every pair of the visible files under {@code dir}, in file order. */
  private static void forEachPair(Configuration conf, Path dir, PairSink sink) throws IOException {
    TextFiles.read(conf, dir, line -> sink.accept(UserItemPair.parse(line)));
  }
}
