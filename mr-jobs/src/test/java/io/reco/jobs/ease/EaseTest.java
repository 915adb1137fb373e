package io.reco.jobs.ease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.schema.avro.ScoredItem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EaseTest {
  /** Two groups of items, each bought together: a-b-c by some users, x-y by others. */
  private static final List<List<String>> BASKETS = List.of(List.of("a", "b", "c"), List.of("a", "b"),
      List.of("b", "c"), List.of("a", "c"), List.of("x", "y"), List.of("x", "y"), List.of("a", "b", "c"));

  @Test
  void weightsMatchTheClosedFormOnASmallCase() {
    // two items always together, n users: G = [[n, n], [n, n]] + lambda I; P = G^-1; B01 = -P01 / P11
    Ease ease = Ease.fit(List.of(List.of("p", "q"), List.of("p", "q")), List.of("p", "q"), 1.0);
    double g = 2;
    double det = (g + 1) * (g + 1) - g * g;
    double p01 = -g / det;
    double p11 = (g + 1) / det;
    assertEquals(-p01 / p11, ease.neighbours("p", 5).get(0).getScore(), 1e-9);
    assertEquals("q", ease.neighbours("p", 5).get(0).getId());
  }

  @Test
  void itemsBoughtTogetherAreNeighboursAndOthersAreNot() {
    Ease ease = Ease.fit(BASKETS, List.of("a", "b", "c", "x", "y"), 0.5);
    List<String> ofX = ease.neighbours("x", 5).stream().map(ScoredItem::getId).toList();
    assertEquals(List.of("y"), ofX);
    assertTrue(ease.neighbours("a", 5).stream().map(ScoredItem::getId).toList().containsAll(List.of("b", "c")));
  }

  @Test
  void aUserIsRecommendedWhatGoesWithWhatTheyHaveLeavingOutTheExcluded() {
    Ease ease = Ease.fit(BASKETS, List.of("a", "b", "c", "x", "y"), 0.5);
    List<String> ranked = ease.recommend(Set.of("a", "b"), Set.of("a", "b"), 3).stream().map(ScoredItem::getId)
        .toList();
    assertEquals("c", ranked.get(0));
    assertTrue(!ranked.contains("a") && !ranked.contains("b"));
  }

  @Test
  void aPenaltyOfZeroIsRefused() {
    assertEquals("the EASE penalty lambda must be more than 0, was 0.0",
        assertThrows(IllegalArgumentException.class, () -> Ease.fit(BASKETS, List.of("a"), 0)).getMessage());
  }
}
