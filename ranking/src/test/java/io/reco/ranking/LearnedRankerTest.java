package io.reco.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.schema.avro.ScoredItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LearnedRankerTest {
  private static final List<ScoredItem> HISTORY = List.of(new ScoredItem("bought", 8.0),
      new ScoredItem("viewed", 2.0));
  private static final Map<String, List<ScoredItem>> NEIGHBOURS = Map.of(
      "bought", List.of(new ScoredItem("x", 0.9), new ScoredItem("y", 0.5)),
      "viewed", List.of(new ScoredItem("z", 0.99), new ScoredItem("y", 0.9)));
  private static final List<ScoredItem> POPULAR = List.of(new ScoredItem("z", 100.0), new ScoredItem("p", 50.0),
      new ScoredItem("x", 10.0));
  /** Popularity (feature 7) of 0.4 or more is worth 2, then every seed listing an item (feature 3) 0.5 more. */
  private static final List<String> TREES = List.of(
      "{\"nodeid\":0,\"depth\":0,\"split\":\"f7\",\"split_condition\":0.4,\"yes\":1,\"no\":2,\"missing\":1,"
          + "\"children\":[{\"nodeid\":1,\"leaf\":0},{\"nodeid\":2,\"leaf\":2}]}",
      "{\"nodeid\":0,\"depth\":0,\"split\":\"f3\",\"split_condition\":1.5,\"yes\":1,\"no\":2,\"missing\":1,"
          + "\"children\":[{\"nodeid\":1,\"leaf\":0},{\"nodeid\":2,\"leaf\":0.5}]}");

  private static TopPicks.Lists lists() {
    return seeds -> {
      Map<String, List<ScoredItem>> out = new HashMap<>();
      seeds.forEach(s -> {
        if (NEIGHBOURS.containsKey(s)) {
          out.put(s, NEIGHBOURS.get(s));
        }
      });
      return out;
    };
  }

  @Test
  void candidatesCarryWhatTheBlendKnowsOfThem() throws Exception {
    List<TopPicks.Candidate> candidates = new TopPicks(new TopPicks.Params(10, 0)).candidates(HISTORY,
        Set.of("bought", "viewed"), lists(), POPULAR, 10);
    // x: 0.9 (bought only); y: 0.5 + 0.25 * 0.9 = 0.725; z: 0.25 * 0.99 = 0.2475
    assertEquals(List.of("x", "y", "z"), candidates.stream().map(TopPicks.Candidate::id).toList());
    assertArrayEquals(new float[] {0.725f, 0.725f / 0.9f, 1, 2, 0.5f, 1, 0.5f, 0, 2, 2},
        candidates.get(1).features(), 1e-6f);
    assertArrayEquals(new float[] {0.2475f, 0.2475f / 0.9f, 2, 1, 0.2475f, 0, 0, 1, 2, 2},
        candidates.get(2).features(), 1e-6f);
    assertEquals(TopPicks.FEATURES.size(), candidates.get(0).features().length);
  }

  @Test
  void theTreesOrderTheBlendsBestCandidates() throws Exception {
    LearnedRanker learned = LearnedRanker.of(TREES, 3, 0);
    TopPicks ranker = new TopPicks(new TopPicks.Params(10, 0, learned));
    TopPicks.Answer answer = ranker.rank(HISTORY, Set.of("bought", "viewed"), lists(), POPULAR, 3);
    // z is popular (2), y is listed by two seeds (0.5), x neither (0)
    assertEquals(List.of("z", "y", "x"), answer.items().stream().map(ScoredItem::getId).toList());
    assertEquals(1 / (1 + Math.exp(-2)), answer.items().get(0).getScore(), 1e-12);
    assertEquals("personalized", answer.strategy());
    // only the blend's best 2 are re-ranked when k is 2: z (third by the blend) is not among them
    TopPicks shallow = new TopPicks(new TopPicks.Params(10, 0, LearnedRanker.of(TREES, 2, 0)));
    assertEquals(List.of("y", "x"), shallow.rank(HISTORY, Set.of("bought", "viewed"), lists(), POPULAR, 2).items()
        .stream().map(ScoredItem::getId).toList());
    // a short answer is topped up with popular items scoring below every learned one
    TopPicks.Answer filled = ranker.rank(HISTORY, Set.of("bought", "viewed"), lists(), POPULAR, 4);
    assertEquals("p", filled.items().get(3).getId());
    assertTrue(filled.items().get(3).getScore() < filled.items().get(2).getScore());
  }

  @Test
  void theModelFileRoundTripsAndBadFilesAreNamed() {
    LearnedRanker learned = LearnedRanker.of(TREES, 50, 0.25);
    LearnedRanker again = LearnedRanker.parse(learned.json(), "ranker.json");
    float[] features = {1, 1, 0, 2, 0.5f, 0, 0.5f, 0.9f, 5, 5};
    assertEquals(2.75, again.margin(features), 1e-12);
    assertEquals(50, again.candidates());
    assertEquals("ranker.json: not a learned ranker (format must be " + LearnedRanker.FORMAT + ")",
        assertThrows(IllegalArgumentException.class, () -> LearnedRanker.parse("{}", "ranker.json")).getMessage());
    String otherFeatures = learned.json().replace("\"history_items\"", "\"age\"");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LearnedRanker.parse(otherFeatures, "r.json"))
        .getMessage().startsWith("r.json: its features [score, relative_score"));
    String unknown = learned.json().replace("\"f7\"", "\"f99\"");
    assertEquals("r.json, tree 0, node 0: unknown feature 'f99'", assertThrows(IllegalArgumentException.class,
        () -> LearnedRanker.parse(unknown, "r.json")).getMessage());
  }
}
