package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.schema.avro.ScoredItem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlendTest {
  @Test
  void neighboursOfStrongerRecentItemsWinAndSeenItemsAreLeftOut() {
    List<ScoredItem> recent = List.of(new ScoredItem("bought", 8.0), new ScoredItem("viewed", 2.0));
    Map<String, List<ScoredItem>> neighbours = Map.of(
        "bought", List.of(new ScoredItem("x", 0.9), new ScoredItem("viewed", 0.95), new ScoredItem("y", 0.5)),
        "viewed", List.of(new ScoredItem("z", 0.99), new ScoredItem("y", 0.9)));
    List<ScoredItem> ranked = Blend.personal(recent, neighbours, 10);
    // x: 1*0.9; y: 1*0.5 + 0.25*0.9 = 0.725; z: 0.25*0.99 = 0.2475; "viewed" was seen.
    assertEquals(List.of("x", "y", "z"), ranked.stream().map(ScoredItem::getId).toList());
    assertEquals(0.725, ranked.get(1).getScore(), 1e-9);
    assertEquals(2, Blend.personal(recent, neighbours, 2).size());
  }

  @Test
  void fillTopsUpFromTheFallbackBelowEveryRankedItem() {
    List<ScoredItem> ranked = List.of(new ScoredItem("x", 0.8));
    List<ScoredItem> popular = List.of(new ScoredItem("x", 1.0), new ScoredItem("seen", 0.9),
        new ScoredItem("p", 0.5), new ScoredItem("q", 0.4));
    List<ScoredItem> filled = Blend.fill(ranked, popular, Set.of("seen"), 3);
    assertEquals(List.of("x", "p", "q"), filled.stream().map(ScoredItem::getId).toList());
    assertEquals(0.2, filled.get(1).getScore(), 1e-9);
    assertEquals(List.of(new ScoredItem("x", 1.0), new ScoredItem("seen", 0.9)),
        Blend.fill(List.of(), popular, Set.of(), 2));
  }

  @Test
  void theKBestAreThoseAFullSortWouldGiveTiesByIdFirst() {
    java.util.Random random = new java.util.Random(7);
    List<ScoredItem> recent = List.of(new ScoredItem("r1", 3.0), new ScoredItem("r2", 1.0));
    Map<String, List<ScoredItem>> neighbours = new java.util.HashMap<>();
    Map<String, Double> expected = new java.util.HashMap<>();
    for (String seed : List.of("r1", "r2")) {
      List<ScoredItem> list = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String id = "c" + random.nextInt(150);
        double score = random.nextInt(4) / 4.0; // coarse, so that many candidates tie
        if (list.stream().noneMatch(n -> n.getId().equals(id))) {
          list.add(new ScoredItem(id, score));
          expected.merge(id, (seed.equals("r1") ? 1.0 : 1.0 / 3) * score, Double::sum);
        }
      }
      neighbours.put(seed, list);
    }
    List<String> sorted = expected.entrySet().stream()
        .sorted(java.util.Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue).reversed()
            .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey).limit(10).toList();
    assertEquals(sorted, Blend.personal(recent, neighbours, 10).stream().map(ScoredItem::getId).toList());
  }
}
