package io.reco.serving;

import io.reco.schema.avro.ScoredItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/** Ranking rules of personal recommendations; plain code, no HBase. */
public final class Blend {
  /** Lower score first, and of equal scores the later id: the heap's head is the candidate to drop. */
  private static final Comparator<Map.Entry<String, double[]>> WORST_FIRST =
      Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> e.getValue()[0])
          .thenComparing(Map.Entry::getKey, Comparator.reverseOrder());

  private Blend() {
  }

  /**
   * Items similar to what the user touched: each candidate scores the sum over the user's recent items of
   * (recent item's weight, scaled so the strongest is 1) times (similarity). Items the user already touched are
   * left out. Best first, at most {@code k}.
   *
   * @param recent the user's recent items with their weights
   * @param neighbours for each recent item that has any, its similar items
   */
  public static List<ScoredItem> personal(List<ScoredItem> recent, Map<String, List<ScoredItem>> neighbours, int k) {
    Set<String> seen = new HashSet<>();
    double strongest = 0;
    for (ScoredItem r : recent) {
      seen.add(r.getId());
      strongest = Math.max(strongest, r.getScore());
    }
    // one mutable sum per candidate (no boxing per addition), then the k best kept in a heap of k
    Map<String, double[]> scores = new HashMap<>();
    for (ScoredItem r : recent) {
      double weight = strongest > 0 ? r.getScore() / strongest : 1;
      for (ScoredItem n : neighbours.getOrDefault(r.getId(), List.of())) {
        if (!seen.contains(n.getId())) {
          scores.computeIfAbsent(n.getId(), id -> new double[1])[0] += weight * n.getScore();
        }
      }
    }
    PriorityQueue<Map.Entry<String, double[]>> best = new PriorityQueue<>(k + 1, WORST_FIRST);
    for (Map.Entry<String, double[]> candidate : scores.entrySet()) {
      if (best.size() < k) {
        best.add(candidate);
      } else if (WORST_FIRST.compare(candidate, best.peek()) > 0) {
        best.poll();
        best.add(candidate);
      }
    }
    ScoredItem[] ranked = new ScoredItem[best.size()];
    for (int i = ranked.length - 1; i >= 0; i--) {
      Map.Entry<String, double[]> e = best.poll();
      ranked[i] = new ScoredItem(e.getKey(), e.getValue()[0]);
    }
    return new ArrayList<>(Arrays.asList(ranked));
  }

  /**
   * Tops {@code ranked} up to {@code k} items from {@code fallback}, skipping items already listed or in
   * {@code exclude}. Fill-ins score below every ranked item, in the fallback's order.
   */
  public static List<ScoredItem> fill(List<ScoredItem> ranked, List<ScoredItem> fallback, Set<String> exclude,
      int k) {
    List<ScoredItem> out = new ArrayList<>(ranked);
    Set<String> listed = new HashSet<>(exclude);
    ranked.forEach(r -> listed.add(r.getId()));
    double ceiling = ranked.isEmpty() ? 1 : ranked.get(ranked.size() - 1).getScore() * 0.5;
    for (ScoredItem f : fallback) {
      if (out.size() >= k) {
        break;
      }
      if (listed.add(f.getId())) {
        out.add(new ScoredItem(f.getId(), ceiling * f.getScore()));
      }
    }
    return out;
  }
}
