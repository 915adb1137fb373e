package io.reco.jobs.evaluate;

import io.reco.ranking.LearnedRanker;
import io.reco.ranking.TopPicks;
import io.reco.records.Settings;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.hadoop.conf.Configuration;

/**
 * The learned ranker: gradient-boosted trees (XGBoost, LambdaMART on NDCG) re-ranking the tuned blend's best
 * candidates by {@link TopPicks#FEATURES}. The labels are the validation split's: a candidate is relevant when the
 * user went on to want it. Validation users are halved by id: the trees are fitted on one half and the other half
 * tells, by {@link TopPicks} itself with and without them, whether they beat the blend by the configured gain.
 * Only then are they fitted again on every validation user and served.
 */
final class LearnedRankerFit {
  /** The blend's best candidates the trees re-rank; 0 leaves the learned ranker out. */
  static final String CANDIDATES = "reco.models.ranker.candidates";
  /** Boosting rounds. */
  static final String ROUNDS = "reco.models.ranker.rounds";
  /** Depth of each tree. */
  static final String MAX_DEPTH = "reco.models.ranker.max-depth";
  /** Shrinkage of each tree. */
  static final String LEARNING_RATE = "reco.models.ranker.learning-rate";
  /** Relative validation NDCG gain over the blend the trees need to be served. */
  static final String MIN_GAIN = "reco.models.ranker.min-gain";

  /**
   * What the fit found.
   *
   * @param ranker the trees fitted on every validation user when they won, else null
   * @param candidate the trees fitted on half of them (scored on test for the report even when not served), or null
   * @param blendNdcg the blend's NDCG on the held-back half
   * @param learnedNdcg the trees' NDCG on the held-back half
   * @param verdict what the report and the log say about them
   */
  record Result(LearnedRanker ranker, LearnedRanker candidate, double blendNdcg, double learnedNdcg, String verdict) {
    boolean kept() {
      return ranker != null;
    }
  }

  /** Examples of a set of users: features row by row, labels, candidates per user. */
  record Examples(float[] features, float[] labels, int[] groups, int rows) {
  }

  private LearnedRankerFit() {
  }

  /**
   * Fits the trees on {@code wanted} (validation) over {@code lists} ranked with {@code params} (the tuned blend's
   * {@code neighbours}), and says whether they are served.
   */
  static Result fit(Configuration conf, TrainedLists lists, Map<String, List<ScoredItem>> neighbours,
      TopPicks.Params params, Map<String, Set<String>> wanted, int k, List<String> log) throws IOException {
    int candidates = Settings.getInt(conf, CANDIDATES);
    if (candidates < 1) {
      log.add("learned ranker: off (" + CANDIDATES + " is " + candidates + ")");
      return new Result(null, null, 0, 0, "off");
    }
    Map<String, Set<String>> fitHalf = new TreeMap<>();
    Map<String, Set<String>> checkHalf = new TreeMap<>();
    wanted.forEach((user, items) -> (Math.floorMod(user.hashCode(), 2) == 0 ? fitHalf : checkHalf).put(user, items));
    TopPicks blend = new TopPicks(params);
    try {
      return fit(conf, lists, neighbours, blend, params, wanted, fitHalf, checkHalf, k, candidates, log);
    } catch (XGBoostError | UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
      String verdict = "not trained: XGBoost's native library did not load (on Linux it needs libgomp1): " + e;
      log.add("learned ranker: " + verdict);
      return new Result(null, null, 0, 0, verdict);
    }
  }

  private static Result fit(Configuration conf, TrainedLists lists, Map<String, List<ScoredItem>> neighbours,
      TopPicks blend, TopPicks.Params params, Map<String, Set<String>> wanted, Map<String, Set<String>> fitHalf,
      Map<String, Set<String>> checkHalf, int k, int candidates, List<String> log) throws IOException, XGBoostError {
    int depth = Math.max(k, candidates);
    LearnedRanker half = train(conf, examples(blend, lists, neighbours, fitHalf, depth), candidates);
    if (half == null) {
      log.add("learned ranker: not trained: no validation user's candidates hold an item they went on to want");
      return new Result(null, null, 0, 0, "no examples");
    }
    TopPicks learned = new TopPicks(new TopPicks.Params(params.maxSeeds(), params.popularityWeight(), half));
    double blendNdcg = ndcg(blend, lists, neighbours, checkHalf, k);
    double learnedNdcg = ndcg(learned, lists, neighbours, checkHalf, k);
    double gain = Settings.getDouble(conf, MIN_GAIN);
    boolean wins = learnedNdcg > blendNdcg * (1 + gain);
    String verdict = String.format("validation ndcg@%d %.4f against the blend's %.4f on %d held-back users: %s", k,
        learnedNdcg, blendNdcg, checkHalf.size(), wins ? "served" : "not served (needs " + Math.round(gain * 100)
            + "% more)");
    log.add("learned ranker (" + Settings.getInt(conf, ROUNDS) + " rounds, depth " + Settings.getInt(conf, MAX_DEPTH)
        + ", " + candidates + " candidates, fitted on " + fitHalf.size() + " users): " + verdict);
    if (!wins) {
      return new Result(null, half, blendNdcg, learnedNdcg, verdict);
    }
    LearnedRanker all = train(conf, examples(blend, lists, neighbours, wanted, depth), candidates);
    return new Result(all, half, blendNdcg, learnedNdcg, verdict);
  }

  /** Each user's candidates as the service ranks them, labelled by what the user went on to want. */
  private static Examples examples(TopPicks ranker, TrainedLists lists, Map<String, List<ScoredItem>> neighbours,
      Map<String, Set<String>> wanted, int depth) throws IOException {
    List<float[]> rows = new ArrayList<>();
    List<Float> labels = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    TopPicks.Lists lookup = TrainedLists.lookup(neighbours);
    for (Map.Entry<String, Set<String>> user : wanted.entrySet()) {
      List<ScoredItem> history = lists.recent.getOrDefault(user.getKey(), List.of());
      Set<String> exclude = history.isEmpty() ? Set.of() : lists.excluded.getOrDefault(user.getKey(), Set.of());
      List<TopPicks.Candidate> candidates = ranker.candidates(history, exclude, lookup, lists.popular, depth);
      // a user none of whose candidates is relevant teaches the ranking nothing
      if (candidates.stream().noneMatch(c -> user.getValue().contains(c.id()))) {
        continue;
      }
      for (TopPicks.Candidate c : candidates) {
        rows.add(c.features());
        labels.add(user.getValue().contains(c.id()) ? 1f : 0f);
      }
      groups.add(candidates.size());
    }
    int width = TopPicks.FEATURES.size();
    float[] flat = new float[rows.size() * width];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, flat, r * width, width);
    }
    float[] y = new float[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    return new Examples(flat, y, groups.stream().mapToInt(Integer::intValue).toArray(), rows.size());
  }

  /** LambdaMART on {@code examples}, or null without any. */
  static LearnedRanker train(Configuration conf, Examples examples, int candidates) throws XGBoostError {
    if (examples.rows() == 0) {
      return null;
    }
    DMatrix train = new DMatrix(examples.features(), examples.rows(), TopPicks.FEATURES.size(), Float.NaN);
    try {
      train.setLabel(examples.labels());
      train.setGroup(examples.groups());
      Map<String, Object> params = new HashMap<>();
      params.put("objective", "rank:ndcg");
      params.put("eta", Settings.getDouble(conf, LEARNING_RATE));
      params.put("max_depth", Settings.getInt(conf, MAX_DEPTH));
      params.put("tree_method", "hist");
      params.put("seed", 42);
      params.put("nthread", 2);
      params.put("verbosity", 0);
      Booster booster = XGBoost.train(train, params, Settings.getInt(conf, ROUNDS), Map.of(), null, null);
      try {
        return LearnedRanker.of(List.of(booster.getModelDump((String) null, false, "json")), candidates, 0);
      } finally {
        booster.dispose();
      }
    } finally {
      train.dispose();
    }
  }

  private static double ndcg(TopPicks ranker, TrainedLists lists, Map<String, List<ScoredItem>> neighbours,
      Map<String, Set<String>> wanted, int k) throws IOException {
    RankingMetrics metrics = new RankingMetrics(k, Map.of(), 1, 1);
    for (Map.Entry<String, Set<String>> user : wanted.entrySet()) {
      metrics.add(lists.served(ranker, neighbours, user.getKey(), k), user.getValue());
    }
    return metrics.ndcg();
  }
}
