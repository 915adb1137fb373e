package io.reco.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.schema.avro.ScoredItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopPicksTest {
  private static final TopPicks PLAIN = new TopPicks(new TopPicks.Params(10, 0));
  private static final List<ScoredItem> HISTORY = List.of(new ScoredItem("bought", 8.0),
      new ScoredItem("viewed", 2.0));
  private static final Map<String, List<ScoredItem>> NEIGHBOURS = Map.of(
      "bought", List.of(new ScoredItem("x", 0.9), new ScoredItem("viewed", 0.95), new ScoredItem("y", 0.5)),
      "viewed", List.of(new ScoredItem("z", 0.99), new ScoredItem("y", 0.9), new ScoredItem("bought", 0.7)));

  private static List<String> ids(List<ScoredItem> items) {
    return items.stream().map(ScoredItem::getId).toList();
  }

  private static TopPicks.Lists lists(Map<String, List<ScoredItem>> neighbours) {
    return seeds -> {
      Map<String, List<ScoredItem>> out = new HashMap<>();
      seeds.forEach(s -> {
        if (neighbours.containsKey(s)) {
          out.put(s, neighbours.get(s));
        }
      });
      return out;
    };
  }

  @Test
  void neighboursOfStrongerHistoryItemsWinAndExcludedItemsAreLeftOut() throws Exception {
    TopPicks.Answer answer = PLAIN.rank(HISTORY, Set.of("bought", "viewed"), lists(NEIGHBOURS), List.of(), 10);
    // x: 1*0.9; y: 1*0.5 + 0.25*0.9 = 0.725; z: 0.25*0.99 = 0.2475
    assertEquals(List.of("x", "y", "z"), ids(answer.items()));
    assertEquals(0.725, answer.items().get(1).getScore(), 1e-9);
    assertEquals("personalized", answer.strategy());
  }

  @Test
  void aHistoryItemThatIsNotExcludedCanBeOfferedAgain() throws Exception {
    TopPicks.Answer answer = PLAIN.rank(HISTORY, Set.of("bought"), lists(NEIGHBOURS), List.of(), 10);
    assertEquals(List.of("viewed", "x", "y", "z"), ids(answer.items()));
  }

  @Test
  void onlyTheStrongestSeedsAreRanked() throws Exception {
    TopPicks one = new TopPicks(new TopPicks.Params(1, 0));
    assertEquals(List.of("bought"), one.seeds(HISTORY));
    assertEquals(List.of("x", "y"), ids(one.rank(HISTORY, Set.of("viewed"), lists(NEIGHBOURS), List.of(), 10)
        .items()));
  }

  @Test
  void popularityWeightLiftsPopularCandidates() throws Exception {
    List<ScoredItem> popular = List.of(new ScoredItem("z", 100.0), new ScoredItem("p", 50.0));
    TopPicks withPopularity = new TopPicks(new TopPicks.Params(10, 0.8));
    TopPicks.Answer answer = withPopularity.rank(HISTORY, Set.of("bought", "viewed"), lists(NEIGHBOURS), popular,
        3);
    // z: 0.2475 + 0.8; x: 0.9; y: 0.725; p: 0.4
    assertEquals(List.of("z", "x", "y"), ids(answer.items()));
    assertEquals(1.0475, answer.items().get(0).getScore(), 1e-9);
  }

  @Test
  void aUserWithoutHistoryGetsPopularItemsButNeverExcludedOnes() throws Exception {
    List<ScoredItem> popular = List.of(new ScoredItem("p", 10.0), new ScoredItem("q", 5.0), new ScoredItem("r", 1.0));
    TopPicks.Answer answer = PLAIN.rank(List.of(), Set.of("q"), lists(NEIGHBOURS), popular, 2);
    assertEquals(List.of("p", "r"), ids(answer.items()));
    assertEquals("popular", answer.strategy());
  }

  @Test
  void fillTopsUpFromTheFallbackBelowEveryRankedItem() throws Exception {
    List<ScoredItem> ranked = List.of(new ScoredItem("x", 0.8));
    List<ScoredItem> popular = List.of(new ScoredItem("x", 1.0), new ScoredItem("seen", 0.9),
        new ScoredItem("p", 0.5), new ScoredItem("q", 0.4));
    List<ScoredItem> filled = TopPicks.fill(ranked, popular, Set.of("seen"), 3);
    assertEquals(List.of("x", "p", "q"), ids(filled));
    assertEquals(0.2, filled.get(1).getScore(), 1e-9);
  }

  @Test
  void theKBestAreThoseAFullSortWouldGiveTiesByIdFirst() throws Exception {
    Random random = new Random(7);
    List<ScoredItem> history = List.of(new ScoredItem("r1", 3.0), new ScoredItem("r2", 1.0));
    Map<String, List<ScoredItem>> neighbours = new HashMap<>();
    Map<String, Double> expected = new HashMap<>();
    for (String seed : List.of("r1", "r2")) {
      List<ScoredItem> list = new ArrayList<>();
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
        .sorted(Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue).reversed()
            .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey).limit(10).toList();
    assertEquals(sorted, ids(PLAIN.rank(history, Set.of(), lists(neighbours), List.of(), 10).items()));
  }

  @Test
  void badParamsAreRefusedSayingWhy() throws Exception {
    assertEquals("at least one seed item is needed, was 0",
        assertThrows(IllegalArgumentException.class, () -> new TopPicks.Params(0, 0)).getMessage());
    assertEquals("the popularity weight must be 0 or more, was NaN",
        assertThrows(IllegalArgumentException.class, () -> new TopPicks.Params(5, Double.NaN)).getMessage());
  }

  @Test
  void aUnionOfExclusionsHoldsBothSetsOnceWithoutCopyingThem() throws Exception {
    Set<String> mine = new java.util.HashSet<>(Set.of("a", "b"));
    Set<String> catalog = Set.of("b", "c");
    Set<String> both = TopPicks.union(mine, catalog);
    assertEquals(Set.of("a", "b", "c"), new java.util.HashSet<>(both));
    assertEquals(3, both.size());
    mine.add("d");
    assertEquals(true, both.contains("d"));
    assertEquals(false, both.contains("e"));
    assertEquals(mine, TopPicks.union(mine, Set.of()));
    // ranked as if the two were one set: c, though a neighbour, is never offered
    Map<String, List<ScoredItem>> lists = Map.of("h", List.of(new ScoredItem("c", 0.9), new ScoredItem("x", 0.5)));
    TopPicks picks = new TopPicks(new TopPicks.Params(5, 0));
    assertEquals(List.of("x"), picks.rank(List.of(new ScoredItem("h", 1.0)), both, seeds -> lists, List.of(), 5)
        .items().stream().map(ScoredItem::getId).toList());
  }
}
