package io.reco.jobs.together;

import io.reco.schema.avro.ScoredItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.mahout.math.stats.LogLikelihood;

/**
 * The score of "item b is bought in the same basket as item a", from the 2x2 table of baskets: Dunning's
 * log-likelihood ratio, in Mahout's form {@code 1 - 1/(1 + LLR)}, only for pairs bought together more often than
 * chance (lift above 1; an LLR also measures avoidance).
 *
 * <p>Why not lift: lift ({@code P(a,b) / (P(a) P(b))}) is largest for the rarest items, so two items each bought
 * twice, both times together, would top every list they are in with the largest lift there is, above a pair
 * bought together in a hundred baskets; the minimum support alone does not stop that. The LLR grows with the
 * evidence as well as with the association, is the measure the other indicators use, and still only keeps the
 * pairs whose lift is above 1. Equal scores are ranked by their support, then by id.
 */
public final class BoughtTogether {
  /** Best first: higher score, then more baskets together, then the smaller id. */
  static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::score).reversed()
      .thenComparing(Comparator.comparingLong(Candidate::support).reversed()).thenComparing(Candidate::id);

  private BoughtTogether() {
  }

  /** One item bought with the item ranked: how often and how well. */
  public record Candidate(String id, long support, double score) {
  }

  /**
   * The score; 0 when the pair is not positively associated.
   *
   * @param support baskets with a and b
   * @param withA baskets with a
   * @param withB baskets with b
   * @param baskets all baskets
   */
  public static double score(long support, long withA, long withB, long baskets) {
    if (support <= 0 || support * baskets <= withA * withB) {
      return 0;
    }
    double llr = LogLikelihood.logLikelihoodRatio(support, withA - support, withB - support,
        baskets - withA - withB + support);
    return 1 - 1 / (1 + llr);
  }

  /** The {@code k} best of {@code candidates} ({@link #BEST_FIRST}), as the list a cell holds. */
  public static List<ScoredItem> best(List<Candidate> candidates, int k) {
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(BEST_FIRST);
    List<ScoredItem> out = new ArrayList<>(Math.min(k, sorted.size()));
    for (Candidate c : sorted.subList(0, Math.min(k, sorted.size()))) {
      out.add(new ScoredItem(c.id(), c.score()));
    }
    return out;
  }
}
