package io.reco.serving;

import io.reco.ranking.TopPicks;
import io.reco.schema.avro.ScoredItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the use cases do to the model's lists: leave items out, sum several lists, top one up from another. */
final class ItemLists {
  private ItemLists() {
  }

  /** The first {@code n} of {@code list} not in {@code excluded}. */
  static List<ScoredItem> without(List<ScoredItem> list, Set<String> excluded, int n) {
    List<ScoredItem> out = new ArrayList<>(Math.min(n, list.size()));
    for (ScoredItem item : list) {
      if (out.size() >= n) {
        break;
      }
      if (!excluded.contains(item.getId())) {
        out.add(item);
      }
    }
    return out;
  }

  /**
   * The best {@code n} items of several lists (one per item of a cart, say), none in {@code excluded}: each list's
   * scores divided by its best, summed over the lists; ties by id.
   */
  static List<ScoredItem> sum(Iterable<List<ScoredItem>> lists, Set<String> excluded, int n) {
    Map<String, Double> scores = new HashMap<>();
    for (List<ScoredItem> list : lists) {
      double best = list.isEmpty() || list.get(0).getScore() <= 0 ? 1 : list.get(0).getScore();
      for (ScoredItem item : list) {
        if (!excluded.contains(item.getId())) {
          scores.merge(item.getId(), item.getScore() / best, Double::sum);
        }
      }
    }
    return scores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(e -> new ScoredItem(e.getKey(), e.getValue())).toList();
  }

  /** {@code ranked} topped up to {@code n} from {@code fallback}, scored below it ({@link TopPicks#fill}). */
  static List<ScoredItem> fill(List<ScoredItem> ranked, List<ScoredItem> fallback, Set<String> excluded, int n) {
    return ranked.size() >= n ? ranked : TopPicks.fill(ranked, fallback, excluded, n);
  }
}
