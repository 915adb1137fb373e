package io.reco.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionMetricsTest {
  @Test
  void hitRateAndMrrCountOnlyTheFirstK() {
    SessionMetrics m = new SessionMetrics(2);
    m.add(List.of("a", "b", "c"), "a");
    m.add(List.of("a", "b", "c"), "b");
    m.add(List.of("a", "b", "c"), "c");
    m.add(List.of(), "c");

    assertEquals(4, m.predictions());
    assertEquals(0.5, m.hitRate(), 1e-12);
    assertEquals((1 + 0.5) / 4, m.mrr(), 1e-12);
  }

  @Test
  void repeatsInARowAreOneClick() {
    assertEquals(List.of("a", "b", "a"), SessionLog.withoutRepeats(List.of("a", "a", "b", "a", "a")));
  }
}
