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
 * offered. When fewer than {@code k} candidates remain, popular items fill the list below every ranked one. With a
 * {@link LearnedRanker}, its trees order the blend's best candidates instead of their blended score.
 */
public final class TopPicks {
  /** Lower score first, and of equal scores the later id: the heap's head is the candidate to drop. */
  private static final Comparator<Map.Entry<String, double[]>> WORST_FIRST =
      Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> e.getValue()[0])
          .thenComparing(Map.Entry::getKey, Comparator.reverseOrder());

  /**
   * What the learned ranker reads of a personal candidate, in this order: its blended score, that score over the
   * best candidate's, its position by the blend (0 is the best), the seeds listing it, the best single seed's share
   * of its score and that seed's position for it, the strongest seed's share, its popularity (the most popular
   * item is 1), the user's history items and the seeds ranked.
   */
  public static final List<String> FEATURES = List.of("score", "relative_score", "position", "seeds_listing",
      "best_seed_score", "best_seed_position", "first_seed_score", "popularity", "history_items", "seeds");
  /** The position feature of a candidate no seed lists (it came by popularity). */
  private static final int UNLISTED = 1000;
  private static final int SCORE = 0;
  private static final int LISTING = 1;
  private static final int BEST_SEED = 2;
  private static final int BEST_POSITION = 3;
  private static final int FIRST_SEED = 4;

  /**
   * A ranking's knobs.
   *
   * @param learned the trees that re-rank the best candidates, or null to rank by the blend alone
   */
  public record Params(int maxSeeds, double popularityWeight, LearnedRanker learned) {
    /** Checks the values. */
    public Params {
      if (maxSeeds < 1) {
        throw new IllegalArgumentException("at least one seed item is needed, was " + maxSeeds);
      }
      if (!(popularityWeight >= 0) || Double.isInfinite(popularityWeight)) {
        throw new IllegalArgumentException("the popularity weight must be 0 or more, was " + popularityWeight);
      }
    }

    /** Knobs ranking by the blend alone. */
    public Params(int maxSeeds, double popularityWeight) {
      this(maxSeeds, popularityWeight, null);
    }
  }

  /** The ranked items, best first, and how they were chosen: {@code personalized} or {@code popular}. */
  public record Answer(List<ScoredItem> items, String strategy) {
  }

  /** A personal candidate: its blended score and its {@link #FEATURES}. */
  public record Candidate(String id, double score, float[] features) {
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
   * The user's {@code k} best items: by the blend, or, with a learned ranker, its order of the blend's best
   * {@link LearnedRanker#candidates()}.
   *
   * @param history the user's items, best first (strength times recency); empty for a user the model does not know
   * @param excluded items never to offer (what the user bought, say)
   * @param lists where the seeds' neighbours come from
   * @param popular the popularity list, best first
   */
  public Answer rank(List<ScoredItem> history, Set<String> excluded, Lists lists, List<ScoredItem> popular, int k)
      throws IOException {
    Scoring scoring = score(history, excluded, lists, popular);
    LearnedRanker learned = params.learned();
    List<ScoredItem> ranked = learned != null && scoring.personal
        ? learned.rerank(candidates(scoring, history, popular, Math.max(k, learned.candidates())), k)
        : best(scoring.scores, k);
    return new Answer(ranked.size() >= k ? ranked : fill(ranked, popular, excluded, k),
        scoring.personal ? "personalized" : "popular");
  }

  /**
   * The user's best {@code n} personal candidates by the blend, with their features; none for a user whose seeds
   * have no neighbours (the answer is popular items then).
   */
  public List<Candidate> candidates(List<ScoredItem> history, Set<String> excluded, Lists lists,
      List<ScoredItem> popular, int n) throws IOException {
    Scoring scoring = score(history, excluded, lists, popular);
    return scoring.personal ? candidates(scoring, history, popular, n) : List.of();
  }

  /** Each candidate's score and what the features need, and whether any came from the seeds. */
  private record Scoring(Map<String, double[]> scores, boolean personal, int seeds) {
  }

  private Scoring score(List<ScoredItem> history, Set<String> excluded, Lists lists, List<ScoredItem> popular)
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
      List<ScoredItem> list = neighbours.getOrDefault(seeds.get(i), List.of());
      for (int position = 0; position < list.size(); position++) {
        ScoredItem n = list.get(position);
        if (!excluded.contains(n.getId())) {
          double[] s = scores.computeIfAbsent(n.getId(), id -> unlisted());
          double part = weight * n.getScore();
          s[SCORE] += part;
          s[LISTING]++;
          if (part > s[BEST_SEED]) {
            s[BEST_SEED] = part;
            s[BEST_POSITION] = position;
          }
          if (i == 0) {
            s[FIRST_SEED] = part;
          }
        }
      }
    }
    boolean personal = !scores.isEmpty();
    if (personal && params.popularityWeight() > 0 && !popular.isEmpty() && popular.get(0).getScore() > 0) {
      double most = popular.get(0).getScore();
      for (ScoredItem p : popular) {
        if (!excluded.contains(p.getId())) {
          scores.computeIfAbsent(p.getId(), id -> unlisted())[SCORE] += params.popularityWeight() * p.getScore()
              / most;
        }
      }
    }
    return new Scoring(scores, personal, seeds.size());
  }

  private static double[] unlisted() {
    return new double[] {0, 0, 0, UNLISTED, 0};
  }

  private static List<Candidate> candidates(Scoring scoring, List<ScoredItem> history, List<ScoredItem> popular,
      int n) {
    Map<String, Double> popularity = new HashMap<>(popular.size() * 2);
    double most = popular.isEmpty() || popular.get(0).getScore() <= 0 ? 1 : popular.get(0).getScore();
    popular.forEach(p -> popularity.putIfAbsent(p.getId(), p.getScore() / most));
    List<ScoredItem> best = best(scoring.scores, n);
    double top = best.isEmpty() || best.get(0).getScore() <= 0 ? 1 : best.get(0).getScore();
    List<Candidate> out = new ArrayList<>(best.size());
    for (int position = 0; position < best.size(); position++) {
      ScoredItem item = best.get(position);
      double[] s = scoring.scores.get(item.getId());
      out.add(new Candidate(item.getId(), item.getScore(), new float[] {(float) s[SCORE], (float) (s[SCORE] / top),
          position, (float) s[LISTING], (float) s[BEST_SEED], (float) s[BEST_POSITION], (float) s[FIRST_SEED],
          popularity.getOrDefault(item.getId(), 0.0).floatValue(), history.size(), scoring.seeds}));
    }
    return out;
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
   * The items of {@code a} and of {@code b}, without copying either: a user's own exclusions beside the catalog's
   * unavailable items, which are many and the same for every user.
   */
  public static Set<String> union(Set<String> a, Set<String> b) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    return new java.util.AbstractSet<>() {
      @Override
      public boolean contains(Object o) {
        return a.contains(o) || b.contains(o);
      }

      @Override
      public java.util.Iterator<String> iterator() {
        return java.util.stream.Stream.concat(a.stream(), b.stream().filter(x -> !a.contains(x))).iterator();
      }

      @Override
      public int size() {
        return a.size() + (int) b.stream().filter(x -> !a.contains(x)).count();
      }
    };
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
