package io.reco.jobs.cross;

import org.apache.mahout.math.stats.LogLikelihood;

/**
 * The score of "users who had item a (any event) went on to buy item b", from the 2x2 table of users: Dunning's
 * log-likelihood ratio as Mahout computes it, in Mahout's form {@code 1 - 1/(1 + LLR)}, and only for pairs seen more
 * often together than chance would have it (an LLR also measures avoidance).
 */
public final class CrossOccurrence {
  private CrossOccurrence() {
  }

  /**
   * The score; 0 when the pair is not positively associated.
   *
   * @param both users with a who bought b
   * @param withA users with a
   * @param boughtB users who bought b
   * @param users all users
   */
  public static double score(long both, long withA, long boughtB, long users) {
    if (both <= 0 || both * users <= withA * boughtB) {
      return 0;
    }
    double llr = LogLikelihood.logLikelihoodRatio(both, withA - both, boughtB - both, users - withA - boughtB + both);
    return 1 - 1 / (1 + llr);
  }
}
