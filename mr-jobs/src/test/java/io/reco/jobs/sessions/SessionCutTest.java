package io.reco.jobs.sessions;

import static io.reco.jobs.common.SilverFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions and their features, against values worked out by hand. */
class SessionCutTest {
  private static final long GAP = 30 * 60_000L;
  private static final long MIN = 60_000L;
  private static final long T = 1793491260000L; // 2026-11-01T10:41:00Z

  private static InteractionEvent priced(String id, String product, EventType type, long time, double price,
      Integer quantity) {
    InteractionEvent e = event(id, "u1", product, type, time);
    e.setPrice(price);
    e.setQuantity(quantity);
    return e;
  }

  @Test
  void aUserWithOneEventHasOneSessionOfNoLength() {
    List<Session> sessions = UserActivity.sessions(GAP, "u1", List.of(event("e1", "u1", "p1", EventType.view, T)),
        Long.MAX_VALUE);
    assertEquals(1, sessions.size());
    Session s = sessions.get(0);
    assertEquals(T, s.getStart());
    assertEquals(0, s.getDurationMs());
    assertEquals(1, s.getEvents());
    assertEquals(1, s.getViews());
    assertNull(s.getAvgGapMs(), "no gap in a session of one event");
    assertEquals(EventType.view, s.getLastEventType());
    assertFalse(s.getCartAbandoned());
    assertEquals(0, s.getUserPastPurchases());
    assertNull(s.getUserAvgPurchaseAmount());
    assertEquals(UserActivity.id("u1", "e1"), s.getSessionId());
  }

  @Test
  void aGapLongerThanTheLimitStartsANewSessionAndAnEqualOneDoesNot() {
    List<Session> sessions = UserActivity.sessions(GAP, "u1", List.of(
        event("e1", "u1", "p1", EventType.view, T),
        event("e2", "u1", "p2", EventType.view, T + 30 * MIN), // exactly the gap: same session
        event("e3", "u1", "p3", EventType.view, T + 60 * MIN + 1)), Long.MAX_VALUE); // one ms longer: a new one
    assertEquals(2, sessions.size());
    assertEquals(2, sessions.get(0).getEvents());
    assertEquals(30 * MIN, sessions.get(0).getDurationMs());
    assertEquals(30.0 * MIN, sessions.get(0).getAvgGapMs());
    assertEquals(T + 60 * MIN + 1, sessions.get(1).getStart());
  }

  @Test
  void countsIntentCartAbandonmentRevenueAndTheHistoryBeforeEachSession() {
    long day2 = T + 24 * 60 * MIN;
    List<Session> sessions = UserActivity.sessions(GAP, "u1", List.of(
        event("e1", "u1", "p1", EventType.view, T),
        event("e2", "u1", "p1", EventType.add_to_cart, T + MIN),
        priced("e3", "p1", EventType.purchase, T + 4 * MIN, 10.0, 2),
        priced("e4", "p2", EventType.purchase, T + 5 * MIN, 5.0, null),
        event("e5", "u1", "p3", EventType.view, day2),
        event("e6", "u1", "p3", EventType.add_to_cart, day2 + MIN),
        event("e7", "u1", "p4", EventType.click, day2 + 3 * MIN)), Long.MAX_VALUE);
    assertEquals(2, sessions.size());
    Session first = sessions.get(0);
    assertEquals(4, first.getEvents());
    assertEquals(2, first.getPurchases());
    assertEquals(25.0, first.getRevenue(), 1e-9, "10 x 2 + 5 x 1");
    assertEquals(EventType.purchase, first.getLastEventType());
    assertFalse(first.getCartAbandoned());
    assertEquals(List.of("p1", "p2"), first.getProducts());
    assertEquals(5.0 * MIN / 3, first.getAvgGapMs(), 1e-9);
    assertEquals(0, first.getUserPastPurchases());

    Session second = sessions.get(1);
    assertTrue(second.getCartAbandoned(), "added p3 to the cart, bought nothing");
    assertEquals(EventType.click, second.getLastEventType());
    assertEquals(2, second.getUserPastPurchases());
    assertEquals(12.5, second.getUserAvgPurchaseAmount(), 1e-9, "(20 + 5) / 2");
    assertEquals(1, second.getAddToCarts());
    assertEquals(1, second.getClicks());
  }

  @Test
  void theIdDependsOnTheUserAndTheFirstEventOnly() {
    String a = UserActivity.id("u1", "e1");
    assertEquals(32, a.length());
    assertEquals(a, UserActivity.id("u1", "e1"));
    assertFalse(a.equals(UserActivity.id("u2", "e1")));
    assertFalse(UserActivity.id("u1e", "1").equals(UserActivity.id("u1", "e1")), "separated, not joined");
  }

  @Test
  void aSessionThatMayStillContinueAtTheRunsEndStaysOpenUntilTheGapHasPassed() {
    List<InteractionEvent> events = List.of(event("e1", "u1", "p1", EventType.view, T),
        event("e2", "u1", "p1", EventType.view, T + 5 * MIN));
    assertEquals(List.of(), UserActivity.sessions(GAP, "u1", events, T + 35 * MIN), "30 minutes after e2: open");
    List<Session> closed = UserActivity.sessions(GAP, "u1", events, T + 35 * MIN + 1);
    assertEquals(1, closed.size());
    assertEquals(2, closed.get(0).getEvents());
  }
}
