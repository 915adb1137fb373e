package io.reco.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Near duplicates in a user's events, fed one at a time in time order. */
class NearDuplicatesTest {
  private static InteractionEvent at(String product, EventType type, long time) {
    return InteractionEvent.newBuilder().setEventId("e" + time).setUserId("u").setProductId(product)
        .setEventType(type).setTimestamp(time).setSessionId("s").build();
  }

  private static List<Long> nearDuplicates(long window, InteractionEvent... events) {
    NearDuplicates repeats = new CleanRules(100, 100, window).nearDuplicates();
    List<Long> times = new ArrayList<>();
    for (InteractionEvent e : events) {
      if (repeats.isNearDuplicate(e)) {
        times.add(e.getTimestamp());
      }
    }
    return times;
  }

  @Test
  void aRepeatOfTheSameProductAndTypeWithinTheWindowIsANearDuplicate() {
    assertEquals(List.of(500L), nearDuplicates(1_000L, at("p1", EventType.view, 0), at("p1", EventType.view, 500),
        at("p1", EventType.add_to_cart, 600), at("p2", EventType.view, 700), at("p1", EventType.view, 5_000)));
  }

  @Test
  void theWindowRunsFromTheLastKeptEventNotFromTheLastRepeat() {
    // 1000 is kept: a second after the kept 0, though 400 ms after the repeat at 600
    assertEquals(List.of(600L, 1_999L), nearDuplicates(1_000L, at("p1", EventType.click, 0),
        at("p1", EventType.click, 600), at("p1", EventType.click, 1_000), at("p1", EventType.click, 1_999)));
  }

  @Test
  void aZeroWindowFindsNone() {
    assertEquals(List.of(), nearDuplicates(0L, at("p1", EventType.view, 0), at("p1", EventType.view, 0)));
  }

  @Test
  void eventsOutOfTimeOrderAreRefused() {
    NearDuplicates repeats = new CleanRules(100, 100, 1_000L).nearDuplicates();
    repeats.isNearDuplicate(at("p1", EventType.view, 1_000));
    assertThrows(IllegalArgumentException.class, () -> repeats.isNearDuplicate(at("p1", EventType.view, 999)));
  }
}
