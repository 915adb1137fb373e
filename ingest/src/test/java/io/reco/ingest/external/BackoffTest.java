package io.reco.ingest.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(200, 5_000, 30_000, new Random(42));

  @Test
  void ceilingsDoubleUpToTheCap() {
    List<Long> ceilings = new ArrayList<>();
    for (int failures = 1; failures <= 7; failures++) {
      ceilings.add(backoff.ceiling(failures));
    }
    assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L), ceilings);
    assertEquals(5000L, backoff.ceiling(100));
    assertThrows(IllegalArgumentException.class, () -> backoff.ceiling(0));
  }

  @Test
  void delaysAreDrawnFromZeroToTheCeiling() {
    for (int failures = 1; failures <= 6; failures++) {
      LongSummaryStatistics stats = new LongSummaryStatistics();
      for (int i = 0; i < 2000; i++) {
        stats.accept(backoff.delay(failures, null));
      }
      long ceiling = backoff.ceiling(failures);
      assertTrue(stats.getMin() >= 0 && stats.getMax() <= ceiling, stats + " vs " + ceiling);
      // full jitter: the whole range is used, not just the top half
      assertTrue(stats.getMin() < ceiling / 10 && stats.getMax() > ceiling * 9 / 10, stats.toString());
      assertTrue(Math.abs(stats.getAverage() - ceiling / 2.0) < ceiling / 10.0, stats.toString());
    }
  }

  @Test
  void theSameSeedGivesTheSameDelays() {
    Backoff again = new Backoff(200, 5_000, 30_000, new Random(42));
    Backoff other = new Backoff(200, 5_000, 30_000, new Random(42));
    for (int i = 1; i <= 5; i++) {
      assertEquals(again.delay(i, null), other.delay(i, null));
    }
  }

  @Test
  void retryAfterSecondsReplaceTheDrawUpToTheirCap() {
    assertEquals(2_000, backoff.delay(1, "2"));
    assertEquals(7_000, backoff.delay(3, " 7 "));
    assertEquals(0, backoff.delay(1, "0"));
    assertEquals(30_000, backoff.delay(1, "3600"));
    assertEquals(-1, backoff.retryAfterMillis("Wed, 21 Oct 2026 07:28:00 GMT"));
    assertEquals(-1, backoff.retryAfterMillis("-1"));
    assertEquals(-1, backoff.retryAfterMillis(null));
    assertTrue(backoff.delay(1, "soon") <= 200);
  }
}
