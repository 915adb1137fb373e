package io.reco.jobs.sessions;

import static io.reco.jobs.common.SilverFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Session;
import io.reco.schema.avro.UserFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User features against values worked out by hand. */
class UserFeaturesBuilderTest {
  private static final long GAP = 30 * 60_000L;
  private static final long MIN = 60_000L;
  private static final long DAY = 24 * 60 * MIN;
  private static final long T = 1793491260000L;

  private static UserFeatures features(long asOf, List<InteractionEvent> events) {
    UserFeaturesBuilder features = new UserFeaturesBuilder(GAP, asOf);
    features.user();
    SessionBuilder sessions = new SessionBuilder(GAP);
    sessions.user("u1");
    for (InteractionEvent e : events) {
      Session closed = sessions.add(e);
      if (closed != null) {
        features.session(closed);
      }
      features.add(e);
    }
    features.session(sessions.finish());
    return features.build();
  }

  private static InteractionEvent with(InteractionEvent e, Double price, Integer quantity, String device) {
    e.setPrice(price);
    e.setQuantity(quantity);
    e.setDeviceType(device);
    return e;
  }

  @Test
  void aUserWithASingleEvent() {
    UserFeatures f = features(T + 2 * DAY, List.of(event("e1", "u1", "p1", EventType.view, T)));
    assertEquals(1, f.getInteractions());
    assertEquals(1, f.getViews());
    assertEquals(1, f.getSessions());
    assertEquals(0.0, f.getAvgSessionDurationMs());
    assertNull(f.getAvgDwellMs(), "no next event, no dwell time");
    assertEquals(2.0, f.getRecencyDays(), 1e-9);
    assertEquals(1 / (2.0 / 7), f.getInteractionsPerWeek(), 1e-9, "one interaction in two days");
    assertEquals(0.0, f.getMonetary());
    assertNull(f.getAvgPrice());
    assertNull(f.getDiversity(), "no purchases");
    assertNull(f.getDevice());
  }

  @Test
  void countsDwellRecencyFrequencyMoneyPricePointDiversityAndTheUsualDevice() {
    UserFeatures f = features(T + 7 * DAY, List.of(
        with(event("e1", "u1", "p1", EventType.view, T), 10.0, null, "mobile"),
        with(event("e2", "u1", "p1", EventType.add_to_cart, T + 2 * MIN), 10.0, null, "mobile"),
        with(event("e3", "u1", "p1", EventType.purchase, T + 6 * MIN), 10.0, 2, "desktop"),
        // a new session the next day
        with(event("e4", "u1", "p2", EventType.view, T + DAY), null, null, "mobile"),
        with(event("e5", "u1", "p1", EventType.purchase, T + DAY + 10 * MIN), 30.0, null, null)));
    assertEquals(5, f.getInteractions());
    assertEquals(2, f.getPurchases());
    assertEquals(2, f.getDistinctProducts());
    assertEquals(2, f.getSessions());
    assertEquals((6 + 10) * MIN / 2.0, f.getAvgSessionDurationMs(), 1e-9);
    assertEquals((2 + 4 + 10) * MIN / 3.0, f.getAvgDwellMs(), 1e-9, "gaps within sessions only");
    assertEquals(T, f.getFirstInteraction());
    assertEquals(T + DAY + 10 * MIN, f.getLastInteraction());
    assertEquals((6 * DAY - 10 * MIN) / (double) DAY, f.getRecencyDays(), 1e-9);
    assertEquals(5.0, f.getInteractionsPerWeek(), 1e-9, "five in the week up to as_of");
    assertEquals(10.0 * 2 + 30.0, f.getMonetary(), 1e-9);
    assertEquals((10 + 10 + 10 + 30) / 4.0, f.getAvgPrice(), 1e-9, "over the four priced events");
    assertEquals(0.5, f.getDiversity(), 1e-9, "one distinct product in two purchases");
    assertEquals("mobile", f.getDevice());
  }
}
