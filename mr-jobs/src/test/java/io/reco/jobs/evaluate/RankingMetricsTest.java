package io.reco.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void figuresOfOneUserAreTheTextbookOnes() {
    RankingMetrics metrics = new RankingMetrics(3, Map.of("a", 3, "b", 1), 3, 4);
    // hits at ranks 1 and 3 of 3; 2 relevant items
    metrics.add(List.of("a", "x", "b"), Set.of("a", "b"));
    Map<String, Double> f = metrics.figures();
    assertEquals(2.0 / 3, f.get("precision@3"), 1e-12);
    assertEquals(1.0, f.get("recall@3"), 1e-12);
    assertEquals((1 + 1 / log2(4)) / (1 + 1 / log2(3)), f.get("ndcg@3"), 1e-12);
    assertEquals((1 + 2.0 / 3) / 2, f.get("map@3"), 1e-12);
    assertEquals(1.0, f.get("hit_rate@3"), 1e-12);
    assertEquals(3.0 / 4, f.get("coverage@3"), 1e-12);
    double novelty = (-log2(4.0 / 4) - log2(1.0 / 4) - log2(2.0 / 4)) / 3;
    assertEquals(novelty, f.get("novelty@3"), 1e-12);
  }

  @Test
  void usersAreAveragedAndAMissScoresZero() {
    RankingMetrics metrics = new RankingMetrics(2, Map.of(), 2, 10);
    metrics.add(List.of("a", "b"), Set.of("a"));
    metrics.add(List.of("c", "d"), Set.of("e"));
    assertEquals(0.5, metrics.ndcg(), 1e-12);
    assertEquals(0.5, metrics.figures().get("hit_rate@2"), 1e-12);
    assertEquals(2.0, metrics.figures().get("users"), 1e-12);
  }

  @Test
  void onlyTheFirstKItemsCount() {
    RankingMetrics metrics = new RankingMetrics(1, Map.of(), 1, 10);
    metrics.add(List.of("x", "a"), Set.of("a"));
    assertEquals(0.0, metrics.recall(), 1e-12);
  }
}
