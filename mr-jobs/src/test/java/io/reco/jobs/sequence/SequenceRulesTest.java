package io.reco.jobs.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceRulesTest {
  private static List<String> rules(List<String> items, int steps) throws Exception {
    List<String> out = new ArrayList<>();
    SequenceRules.emit(items, steps, (a, b, w) -> out.add(a + ">" + b + "=" + w));
    return out;
  }

  @Test
  void eachItemIsFollowedByTheNextOnesWeightedByOneOverTheDistance() throws Exception {
    assertEquals(List.of("a>b=1.0", "a>c=0.5", "b>c=1.0"), rules(List.of("a", "b", "c"), 10));
  }

  @Test
  void noRuleSpansMoreThanTheSteps() throws Exception {
    assertEquals(List.of("a>b=1.0", "b>c=1.0", "c>d=1.0"), rules(List.of("a", "b", "c", "d"), 1));
  }

  @Test
  void anItemNeverFollowsItself() throws Exception {
    assertEquals(List.of("a>b=1.0", "b>a=1.0"), rules(List.of("a", "b", "a"), 1));
    assertEquals(List.of("a>b=1.0", "b>a=1.0", "a>b=1.0"), rules(List.of("a", "b", "a", "b"), 2));
  }

  @Test
  void stepsBelowOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> rules(List.of("a"), 0));
  }
}
