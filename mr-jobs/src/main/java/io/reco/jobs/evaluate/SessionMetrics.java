package io.reco.jobs.evaluate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session protocol's figures at K: hit rate (the next item is in the list) and mean reciprocal rank (1 / its
 * rank, 0 when not listed), over every prediction of a next item from a session's prefix.
 */
final class SessionMetrics {
  private final int k;
  private long predictions;
  private long hits;
  private double reciprocalRanks;

  SessionMetrics(int k) {
    this.k = k;
  }

  /** Scores one list (best first; only the first {@code k} count) against the item that came next. */
  void add(List<String> ranked, String next) {
    predictions++;
    int rank = ranked.subList(0, Math.min(k, ranked.size())).indexOf(next);
    if (rank >= 0) {
      hits++;
      reciprocalRanks += 1.0 / (rank + 1);
    }
  }

  long predictions() {
    return predictions;
  }

  double hitRate() {
    return predictions == 0 ? 0 : (double) hits / predictions;
  }

  double mrr() {
    return predictions == 0 ? 0 : reciprocalRanks / predictions;
  }

  Map<String, Double> figures() {
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("hr@" + k, hitRate());
    figures.put("mrr@" + k, mrr());
    return figures;
  }
}
