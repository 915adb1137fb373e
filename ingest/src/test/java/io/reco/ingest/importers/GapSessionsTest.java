package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GapSessionsTest {
  private static final long MINUTE = 60_000L;

  @Test
  void cutsSessionsAtGapsLongerThanTheLimit() {
    GapSessions sessions = new GapSessions("rr", 30 * MINUTE);
    for (long t : new long[] {0, 10 * MINUTE, 40 * MINUTE, 71 * MINUTE}) {
      sessions.add("u", t);
    }
    sessions.add("v", 5 * MINUTE);
    sessions.seal();

    assertEquals(3, sessions.sessions());
    assertEquals("rr:u:0", sessions.sessionId("u", 0));
    assertEquals("rr:u:0", sessions.sessionId("u", 40 * MINUTE), "exactly 30 minutes apart: same session");
    assertEquals("rr:u:4260000", sessions.sessionId("u", 71 * MINUTE));
    assertEquals("rr:v:300000", sessions.sessionId("v", 5 * MINUTE));
    assertThrows(IllegalStateException.class, () -> sessions.sessionId("w", 0));
  }

  @Test
  void sessionIdsDoNotDependOnTheOrderOfTheInput() {
    List<long[]> events = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      events.add(new long[] {random.nextInt(20), random.nextInt(24 * 60) * MINUTE});
    }
    GapSessions sorted = new GapSessions("rr", 30 * MINUTE);
    events.stream().sorted((a, b) -> Long.compare(a[1], b[1])).forEach(e -> sorted.add("u" + e[0], e[1]));
    List<long[]> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(11));
    GapSessions unsorted = new GapSessions("rr", 30 * MINUTE);
    shuffled.forEach(e -> unsorted.add("u" + e[0], e[1]));
    sorted.seal();
    unsorted.seal();

    assertEquals(sorted.sessions(), unsorted.sessions());
    for (long[] e : events) {
      assertEquals(sorted.sessionId("u" + e[0], e[1]), unsorted.sessionId("u" + e[0], e[1]));
    }
  }
}
