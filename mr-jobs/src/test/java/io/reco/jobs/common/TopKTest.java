package io.reco.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.jobs.recent.RecencyScore;
import io.reco.schema.avro.ScoredItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopKTest {
  @Test
  void keepsTheBestKWithTiesToTheSmallerId() {
    TopK top = new TopK(3);
    top.offer("d", 0.1);
    top.offer("b", 0.5);
    top.offer("a", 0.9);
    top.offer("c", 0.5);
    top.offer("e", 0.5);
    assertEquals(List.of(new ScoredItem("a", 0.9), new ScoredItem("b", 0.5), new ScoredItem("c", 0.5)), top.best());
    top.clear();
    assertEquals(List.of(), top.best());
    assertThrows(IllegalArgumentException.class, () -> new TopK(0));
  }

  @Test
  void recencyHalvesTheWeightEveryHalfLife() {
    long day = 86_400_000L;
    assertEquals(8.0, RecencyScore.of(8, 10 * day, 10 * day, 7 * day), 1e-9);
    assertEquals(4.0, RecencyScore.of(8, 3 * day, 10 * day, 7 * day), 1e-9);
    assertEquals(8.0, RecencyScore.of(8, 11 * day, 10 * day, 7 * day), 1e-9, "future events do not grow");
  }
}
