package io.reco.ranking;

import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The history {@link TopPicks} ranks for a visitor known only by the items of their current session (an anonymous
 * visitor, or a session prefix in the evaluation): the newest item weighs 1, each step back {@code decay} times the
 * one after it, and an item seen twice sums its weights. With a decay of 0 only the newest item counts.
 */
public final class SessionHistory {
  private SessionHistory() {
  }

  /**
   * The session's items as a ranking history, best first.
   *
   * @param items the session's items in the order they were seen, oldest first
   * @param decay the weight of each step back, 0 to 1
   */
  public static List<ScoredItem> of(List<String> items, double decay) {
    if (!(decay >= 0 && decay <= 1)) {
      throw new IllegalArgumentException("the session decay must lie in 0 .. 1, was " + decay);
    }
    Map<String, double[]> weights = new LinkedHashMap<>();
    double weight = 1;
    for (int i = items.size() - 1; i >= 0 && weight > 0; i--) {
      weights.computeIfAbsent(items.get(i), id -> new double[1])[0] += weight;
      weight *= decay;
    }
    List<ScoredItem> history = new ArrayList<>(weights.size());
    weights.forEach((id, w) -> history.add(new ScoredItem(id, w[0])));
    // newest first among equals: the map keeps first-seen-from-the-end order and the sort is stable
    history.sort((a, b) -> Double.compare(b.getScore(), a.getScore()));
    return history;
  }

  /**
   * The answer to a visitor whose session so far is {@code items}: {@code ranker} over the session neighbours of
   * the items weighed by {@link #of}, never the item on screen (the newest) nor any of {@code excluded}. The service
   * answers anonymous visitors with it, and the session protocol scores it.
   *
   * @param items the session's items in the order they were seen, oldest first; at least one
   */
  public static TopPicks.Answer rank(TopPicks ranker, List<String> items, double decay, Set<String> excluded,
      TopPicks.Lists next, List<ScoredItem> popular, int k) throws IOException {
    String onScreen = items.get(items.size() - 1);
    Set<String> leftOut = excluded.isEmpty() ? Set.of(onScreen) : new HashSet<>(excluded);
    if (!excluded.isEmpty()) {
      leftOut.add(onScreen);
    }
    return ranker.rank(of(items, decay), leftOut, next, popular, k);
  }
}
