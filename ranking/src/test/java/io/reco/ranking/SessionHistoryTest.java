package io.reco.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.schema.avro.ScoredItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionHistoryTest {
  private static List<String> shown(List<ScoredItem> history) {
    return history.stream().map(s -> s.getId() + ":" + s.getScore()).toList();
  }

  @Test
  void theNewestItemWeighsOneAndEachStepBackTheDecayMore() {
    assertEquals(List.of("c:1.0", "b:0.5", "a:0.25"), shown(SessionHistory.of(List.of("a", "b", "c"), 0.5)));
  }

  @Test
  void anItemSeenTwiceSumsItsWeights() {
    assertEquals(List.of("a:1.25", "b:0.5"), shown(SessionHistory.of(List.of("a", "b", "a"), 0.5)));
  }

  @Test
  void aDecayOfZeroKeepsOnlyTheNewestItem() {
    assertEquals(List.of("c:1.0"), shown(SessionHistory.of(List.of("a", "b", "c"), 0)));
  }

  @Test
  void equalWeightsKeepTheNewestFirst() {
    assertEquals(List.of("c", "b", "a"), SessionHistory.of(List.of("a", "b", "c"), 1).stream()
        .map(ScoredItem::getId).toList());
  }

  @Test
  void aDecayOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SessionHistory.of(List.of("a"), 1.5));
  }
}
