package io.reco.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.schema.avro.ScoredItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorBlendTest {
  private static final Map<String, List<ScoredItem>> LISTS = Map.of(
      "llr", List.of(new ScoredItem("a", 0.9), new ScoredItem("b", 0.8)),
      "cosine", List.of(new ScoredItem("b", 0.5), new ScoredItem("c", 0.4)),
      "ease", List.of(new ScoredItem("c", 2.0)));

  @Test
  void neighboursScoreTheWeightedSumOfTheirIndicators() {
    List<ScoredItem> merged = IndicatorBlend.parse("llr=1, cosine=2").merge(LISTS, 10);
    // b: 0.8 + 2*0.5 = 1.8; a: 0.9; c: 2*0.4 = 0.8; ease is not named
    assertEquals(List.of(new ScoredItem("b", 1.8), new ScoredItem("a", 0.9), new ScoredItem("c", 0.8)), merged);
  }

  @Test
  void anIndicatorWeightedZeroIsLeftOutAndTheListIsCut() {
    List<ScoredItem> merged = IndicatorBlend.parse("llr=0,ease=1,cosine=1").merge(LISTS, 2);
    assertEquals(List.of(new ScoredItem("c", 2.4), new ScoredItem("b", 0.5)), merged);
  }

  @Test
  void theTextFormRoundTrips() {
    assertEquals("llr=1.0,ease=0.5", IndicatorBlend.parse("llr=1,ease=0.5").toString());
  }

  @Test
  void aMalformedWeightIsRefusedNamingIt() {
    assertEquals("indicator weights are name=weight,name=weight; 'cosine' is not",
        assertThrows(IllegalArgumentException.class, () -> IndicatorBlend.parse("llr=1,cosine")).getMessage());
    assertEquals("the weight of indicator llr must be 0 or more, was -1.0",
        assertThrows(IllegalArgumentException.class, () -> IndicatorBlend.parse("llr=-1")).getMessage());
  }
}
