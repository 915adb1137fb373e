package io.reco.jobs.evaluate;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Top-K accuracy of one recommender over many users, each scored against the items they went on to want:
 * precision, recall, NDCG (binary gains), MAP (average precision over min(K, relevant)), hit rate, catalog coverage
 * (share of the catalog recommended to anyone) and novelty (mean self-information {@code -log2} of a recommended
 * item's share of the training users).
 */
public final class RankingMetrics {
  private final int k;
  private final Map<String, Integer> usersByItem;
  private final int trainingUsers;
  private final int catalogSize;
  private final Set<String> recommended = new HashSet<>();
  private long users;
  private double precision;
  private double recall;
  private double ndcg;
  private double map;
  private double hits;
  private double novelty;
  private long listed;

  /**
   * Metrics at {@code k}.
   *
   * @param usersByItem training users per item, for novelty
   * @param trainingUsers users in the training data
   * @param catalogSize items that could be recommended, for coverage
   */
  public RankingMetrics(int k, Map<String, Integer> usersByItem, int trainingUsers, int catalogSize) {
    this.k = k;
    this.usersByItem = usersByItem;
    this.trainingUsers = Math.max(1, trainingUsers);
    this.catalogSize = Math.max(1, catalogSize);
  }

  /**
   * Metrics at {@code k} against the training part {@code trainItems} (items by user): its users, its items as the
   * catalog, each item's users for novelty.
   */
  public static RankingMetrics over(int k, Map<String, Set<String>> trainItems) {
    Map<String, Integer> usersByItem = new HashMap<>();
    trainItems.values().forEach(items -> items.forEach(i -> usersByItem.merge(i, 1, Integer::sum)));
    return new RankingMetrics(k, usersByItem, trainItems.size(), usersByItem.size());
  }

  /** Scores one user's list (best first; only the first {@code k} count) against their relevant items. */
  public void add(List<String> ranked, Collection<String> relevant) {
    if (relevant.isEmpty()) {
      throw new IllegalArgumentException("a user without relevant items cannot be scored");
    }
    Set<String> wanted = relevant instanceof Set<String> set ? set : new HashSet<>(relevant);
    int n = Math.min(k, ranked.size());
    int found = 0;
    double dcg = 0;
    double ap = 0;
    for (int i = 0; i < n; i++) {
      String item = ranked.get(i);
      recommended.add(item);
      novelty += -log2((usersByItem.getOrDefault(item, 0) + 1.0) / (trainingUsers + 1.0));
      listed++;
      if (wanted.contains(item)) {
        found++;
        dcg += 1 / log2(i + 2);
        ap += (double) found / (i + 1);
      }
    }
    double idcg = 0;
    for (int i = 0; i < Math.min(k, wanted.size()); i++) {
      idcg += 1 / log2(i + 2);
    }
    users++;
    precision += (double) found / k;
    recall += (double) found / wanted.size();
    ndcg += dcg / idcg;
    map += ap / Math.min(k, wanted.size());
    hits += found > 0 ? 1 : 0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** Users scored. */
  public long users() {
    return users;
  }

  /** Mean NDCG@K. */
  public double ndcg() {
    return users == 0 ? 0 : ndcg / users;
  }

  /** Mean recall@K. */
  public double recall() {
    return users == 0 ? 0 : recall / users;
  }

  /** Every figure by name ({@code ndcg@10}...), plus {@code users}. */
  public Map<String, Double> figures() {
    Map<String, Double> out = new LinkedHashMap<>();
    double u = Math.max(1, users);
    out.put("precision@" + k, precision / u);
    out.put("recall@" + k, recall / u);
    out.put("ndcg@" + k, ndcg / u);
    out.put("map@" + k, map / u);
    out.put("hit_rate@" + k, hits / u);
    out.put("coverage@" + k, (double) recommended.size() / catalogSize);
    out.put("novelty@" + k, listed == 0 ? 0 : novelty / listed);
    out.put("users", (double) users);
    return out;
  }
}
