package io.reco.jobs.together;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.schema.avro.ScoredItem;
import java.util.List;
import org.apache.mahout.math.stats.LogLikelihood;
import org.junit.jupiter.api.Test;

class BoughtTogetherTest {
  @Test
  void aPairBoughtTogetherMoreOftenThanChanceScoresMahoutsFormOfItsLlr() {
    // 100 baskets: a in 20, b in 10, both in 8 (chance: 2)
    double llr = LogLikelihood.logLikelihoodRatio(8, 12, 2, 78);
    assertEquals(1 - 1 / (1 + llr), BoughtTogether.score(8, 20, 10, 100), 1e-12);
  }

  @Test
  void aPairBoughtTogetherAsOftenAsChanceOrLessScoresZero() {
    assertEquals(0, BoughtTogether.score(2, 20, 10, 100), "lift 1");
    assertEquals(0, BoughtTogether.score(1, 20, 10, 100), "avoidance is not a recommendation");
    assertEquals(0, BoughtTogether.score(0, 20, 10, 100));
  }

  @Test
  void twoRareItemsAlwaysBoughtTogetherDoNotOutrankAPairWithTheEvidence() {
    // lift would rank the rare pair first: 1000 / 2 = 500 against 1000 * 100 / (200 * 150) = 3.3
    double rare = BoughtTogether.score(2, 2, 2, 1000);
    double evidenced = BoughtTogether.score(100, 200, 150, 1000);
    assertTrue(evidenced > rare, evidenced + " against " + rare);
  }

  @Test
  void equalScoresRankByTheirSupportThenById() {
    List<ScoredItem> best = BoughtTogether.best(List.of(new BoughtTogether.Candidate("c", 3, 0.5),
        new BoughtTogether.Candidate("a", 2, 0.5), new BoughtTogether.Candidate("d", 9, 0.9),
        new BoughtTogether.Candidate("b", 3, 0.5)), 3);
    assertEquals(List.of(new ScoredItem("d", 0.9), new ScoredItem("b", 0.5), new ScoredItem("c", 0.5)), best);
  }
}
