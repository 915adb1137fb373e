package io.reco.jobs.cross;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.mahout.math.stats.LogLikelihood;
import org.junit.jupiter.api.Test;

class CrossOccurrenceTest {
  @Test
  void aPairSeenMoreOftenThanChanceScoresMahoutsFormOfItsLlr() {
    // 100 users: 20 had a, 10 bought b, 8 did both (chance: 2)
    double llr = LogLikelihood.logLikelihoodRatio(8, 12, 2, 78);
    assertEquals(1 - 1 / (1 + llr), CrossOccurrence.score(8, 20, 10, 100), 1e-12);
    assertTrue(CrossOccurrence.score(8, 20, 10, 100) > CrossOccurrence.score(4, 20, 10, 100));
  }

  @Test
  void aPairSeenAsOftenAsChanceOrLessScoresZero() {
    assertEquals(0, CrossOccurrence.score(2, 20, 10, 100));
    assertEquals(0, CrossOccurrence.score(1, 20, 10, 100), "avoidance is not a recommendation");
    assertEquals(0, CrossOccurrence.score(0, 20, 10, 100));
  }
}
