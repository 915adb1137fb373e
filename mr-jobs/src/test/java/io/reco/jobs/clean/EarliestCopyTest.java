package io.reco.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.RecordJson;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which copy of an event_id silver keeps, whatever the order the copies arrive in. */
class EarliestCopyTest {
  private static InteractionEvent at(String id, long time) {
    return InteractionEvent.newBuilder().setEventId(id).setUserId("u").setProductId("p1").setEventType(EventType.view)
        .setTimestamp(time).setSessionId("s").build();
  }

  /** The copy kept after offering {@code copies} in order; the duplicates returned are added to {@code out}. */
  private static InteractionEvent keep(List<InteractionEvent> copies, List<InteractionEvent> duplicates) {
    EarliestCopy earliest = new EarliestCopy();
    for (InteractionEvent copy : copies) {
      InteractionEvent duplicate = earliest.offer(copy);
      if (duplicate != null) {
        duplicates.add(duplicate);
      }
    }
    return earliest.take();
  }

  @Test
  void theEarliestCopyIsKeptWhateverTheOrderCopiesArriveIn() {
    InteractionEvent late = at("e2", 60_000);
    InteractionEvent early = InteractionEvent.newBuilder(at("e2", 30_000)).setDeviceType("tv").build();
    for (List<InteractionEvent> order : List.of(List.of(late, early), List.of(early, late))) {
      List<InteractionEvent> duplicates = new ArrayList<>();
      assertSame(early, keep(order, duplicates));
      assertEquals(List.of(late), duplicates);
    }
  }

  @Test
  void copiesOfTheSameTimeAreSettledByTheSmallerJsonForm() {
    InteractionEvent a = at("e3", 90_000);
    InteractionEvent b = InteractionEvent.newBuilder(a).setPrice(1.0).build();
    InteractionEvent smaller = RecordJson.toJson(a).compareTo(RecordJson.toJson(b)) < 0 ? a : b;
    InteractionEvent larger = smaller == a ? b : a;
    for (List<InteractionEvent> order : List.of(List.of(a, b), List.of(b, a))) {
      List<InteractionEvent> duplicates = new ArrayList<>();
      assertSame(smaller, keep(order, duplicates));
      assertEquals(List.of(larger), duplicates);
    }
  }

  @Test
  void aLaterCopyDoesNotWinBackByItsJsonForm() {
    InteractionEvent first = InteractionEvent.newBuilder(at("e4", 10)).setPrice(9.0).build();
    InteractionEvent sameTime = at("e4", 10);
    InteractionEvent later = at("e4", 5_000);
    List<InteractionEvent> duplicates = new ArrayList<>();
    InteractionEvent kept = keep(List.of(later, first, sameTime), duplicates);
    assertEquals(10, kept.getTimestamp());
    assertEquals(2, duplicates.size());
    assertTrue(duplicates.contains(later));
  }

  @Test
  void aNewIdIsRecognisedAndRefusedUntilTheKeptCopyIsTaken() {
    EarliestCopy earliest = new EarliestCopy();
    assertFalse(earliest.isAnotherId(at("e1", 0)), "nothing held yet");
    assertNull(earliest.offer(at("e1", 0)));
    assertFalse(earliest.isAnotherId(at("e1", 5)));
    assertTrue(earliest.isAnotherId(at("e2", 5)));
    assertThrows(IllegalArgumentException.class, () -> earliest.offer(at("e2", 5)));
    assertEquals("e1", earliest.take().getEventId());
    assertNull(earliest.offer(at("e2", 5)), "after take() the next id starts anew");
  }
}
