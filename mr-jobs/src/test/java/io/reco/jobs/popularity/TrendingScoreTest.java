package io.reco.jobs.popularity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrendingScoreTest {
  private static final long HOUR = 3_600_000L;
  private static final TrendingScore SCORE = new TrendingScore(1000 * HOUR, 24, 7 * 24, 5);

  @Test
  void anItemHoldingItsUsualRateScoresOne() {
    assertEquals(1.0, SCORE.score(10, 70), 1e-12, "70 a week is 10 a day");
  }

  @Test
  void theRecentWeightIsSetAgainstTheBaselinesRateForAWindowBothSmoothed() {
    assertEquals((30 + 5) / (10 + 5.0), SCORE.score(30, 70), 1e-12);
  }

  @Test
  void oneViewOfADeadItemScoresBelowAnItemManyBought() {
    assertEquals(1.2, SCORE.score(1, 0), 1e-12);
    assertTrue(SCORE.score(40, 70) > SCORE.score(1, 0));
  }

  @Test
  void theWindowEndsBeforeTheAsOfTimeAndTheBaselineBeforeTheWindow() {
    assertEquals(TrendingScore.Period.LATER, SCORE.periodOf(1000 * HOUR));
    assertEquals(TrendingScore.Period.RECENT, SCORE.periodOf(1000 * HOUR - 1));
    assertEquals(TrendingScore.Period.RECENT, SCORE.periodOf(976 * HOUR));
    assertEquals(TrendingScore.Period.BASELINE, SCORE.periodOf(976 * HOUR - 1));
    assertEquals(TrendingScore.Period.BASELINE, SCORE.periodOf(808 * HOUR));
    assertEquals(TrendingScore.Period.OLDER, SCORE.periodOf(808 * HOUR - 1));
  }

  @Test
  void aSmoothingOfZeroIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TrendingScore(0, 24, 168, 0));
  }
}
