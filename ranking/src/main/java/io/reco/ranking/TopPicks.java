package io.reco.ranking;

import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Ranks a user's top picks. The servlet answers with it, and the evaluation scores exactly this, with the same
 * lists and exclusions, so an offline figure is the figure of what is served.
 *
 * <p>A candidate scores the sum over the user's strongest history items (the seeds, each weighted by its history
 * score scaled so the strongest is 1) of the seed's blended indicator score for it, plus
 * {@code popularityWeight} times its popularity (scaled so the most popular item is 1). Excluded items are never
 * offered. When fewer than {@code k} candidates remain, popular items fill the list below every ranked one.
 */
public final class TopPicks {
  /** Lower score first, and of equal scores the later id: the heap's head is the candidate to drop. */
  private static final Comparator<Map.Entry<String, double[]>> WORST_FIRST =
      Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> e.getValue()[0])
          .thenComparing(Map.Entry::getKey, Comparator.reverseOrder());

  /** A ranking's knobs. */
  public record Params(int maxSeeds, double popularityWeight) {
    /** Checks the values. */
    public Params {
      if (maxSeeds < 1) {
        throw new IllegalArgumentException("at least one seed item is needed, was " + maxSeeds);
      }
      if (!(popularityWeight >= 0) || Double.isInfinite(popularityWeight)) {
        throw new IllegalArgumentException("the popularity weight must be 0 or more, was " + popularityWeight);
      }
    }
  }

  /** The ranked items, best first, and how they were chosen: {@code personalized} or {@code popular}. */
  public record Answer(List<ScoredItem> items, String strategy) {
  }

  /** What to rank for one user. */
  public interface Lists {
    /** The blended neighbours of each of {@code items} that has any. */
    Map<String, List<ScoredItem>> neighbours(List<String> items) throws IOException;
  }

  private final Params params;

  /** A ranker with {@code params}. */
  public TopPicks(Params params) {
    this.params = params;
  }

  /** The knobs. */
  public Params params() {
    return params;
  }

  /** The seeds whose neighbours a ranking needs: the first {@code maxSeeds} of the history, which is best first. */
  public List<String> seeds(List<ScoredItem> history) {
    return history.stream().limit(params.maxSeeds()).map(ScoredItem::getId).toList();
  }

  /**
   * The user's {@code k} best items.
   *
   * @param history the user's items, best first (strength times recency); empty for a user the model does not know
   * @param excluded items never to offer (what the user bought, say)
   * @param lists where the seeds' neighbours come from
   * @param popular the popularity list, best first
   */
  public Answer rank(List<ScoredItem> history, Set<String> excluded, Lists lists, List<ScoredItem> popular, int k)
      throws IOException {
    List<String> seeds = seeds(history);
    Map<String, List<ScoredItem>> neighbours = seeds.isEmpty() ? Map.of() : lists.neighbours(seeds);
    Map<String, double[]> scores = new HashMap<>();
    double strongest = 0;
    for (int i = 0; i < seeds.size(); i++) {
      strongest = Math.max(strongest, history.get(i).getScore());
    }
    for (int i = 0; i < seeds.size(); i++) {
      double weight = strongest > 0 ? history.get(i).getScore() / strongest : 1;
      for (ScoredItem n : neighbours.getOrDefault(seeds.get(i), List.of())) {
        if (!excluded.contains(n.getId())) {
          scores.computeIfAbsent(n.getId(), id -> new double[1])[0] += weight * n.getScore();
        }
      }
    }
    boolean personal = !scores.isEmpty();
    if (personal && params.popularityWeight() > 0 && !popular.isEmpty() && popular.get(0).getScore() > 0) {
      double most = popular.get(0).getScore();
      for (ScoredItem p : popular) {
        if (!excluded.contains(p.getId())) {
          scores.computeIfAbsent(p.getId(), id -> new double[1])[0] += params.popularityWeight() * p.getScore()
              / most;
        }
      }
    }
    List<ScoredItem> ranked = best(scores, k);
    return new Answer(ranked.size() >= k ? ranked : fill(ranked, popular, excluded, k),
        personal ? "personalized" : "popular");
  }

  private static List<ScoredItem> best(Map<String, double[]> scores, int k) {
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
    Set<String> listed = new HashSet<>();
    ranked.forEach(r -> listed.add(r.getId()));
    double ceiling = ranked.isEmpty() ? 1 : ranked.get(ranked.size() - 1).getScore() * 0.5;
    double most = fallback.isEmpty() || fallback.get(0).getScore() <= 0 ? 1 : fallback.get(0).getScore();
    for (ScoredItem f : fallback) {
      if (out.size() >= k) {
        break;
      }
      if (!exclude.contains(f.getId()) && listed.add(f.getId())) {
        out.add(new ScoredItem(f.getId(), ceiling * f.getScore() / most));
      }
    }
    return out;
  }
}
