package io.reco.serving;

import io.reco.schema.avro.ScoredItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Ranking rules of personal recommendations; plain code, no HBase. */
public final class Blend {
  private static final Comparator<ScoredItem> BEST_FIRST =
      Comparator.comparingDouble(ScoredItem::getScore).reversed().thenComparing(ScoredItem::getId);

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
    Map<String, Double> scores = new HashMap<>();
    for (ScoredItem r : recent) {
      double weight = strongest > 0 ? r.getScore() / strongest : 1;
      for (ScoredItem n : neighbours.getOrDefault(r.getId(), List.of())) {
        if (!seen.contains(n.getId())) {
          scores.merge(n.getId(), weight * n.getScore(), Double::sum);
        }
      }
    }
    List<ScoredItem> ranked = new ArrayList<>(scores.size());
    scores.forEach((id, score) -> ranked.add(new ScoredItem(id, score)));
    ranked.sort(BEST_FIRST);
    return ranked.size() > k ? new ArrayList<>(ranked.subList(0, k)) : ranked;
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
