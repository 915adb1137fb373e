package io.reco.jobs.sessions;

import static io.reco.jobs.common.SilverFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.reco.records.avro.Customer;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.UserState;
import io.reco.schema.avro.CategoryCounts;
import io.reco.schema.avro.ProductCounts;
import io.reco.schema.avro.UserFeatures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User features against values worked out by hand. */
class UserActivityTest {
  private static final long MIN = 60_000L;
  private static final long GAP = 30 * MIN;
  private static final long CAP = 10 * MIN;
  private static final long DAY = 24 * 60 * MIN;
  private static final long T = 1793491260000L; // 2026-11-01T00:01:00Z
  private static final Map<String, String> CATEGORIES = Map.of("p1", "shoes", "p2", "bags", "p3", "shoes");

  private static UserActivity fed(UserState previous, List<InteractionEvent> events, long asOf) {
    UserActivity a = new UserActivity(GAP, CAP, 2);
    a.start("u1", previous);
    events.forEach(e -> a.add(e, CATEGORIES.get(e.getProductId())));
    a.closeIdle(asOf);
    return a;
  }

  private static UserFeatures features(long asOf, Customer customer, List<InteractionEvent> events) {
    return fed(null, events, asOf).features(asOf, customer);
  }

  private static InteractionEvent with(InteractionEvent e, Double price, Integer quantity, String device) {
    e.setPrice(price);
    e.setQuantity(quantity);
    e.setDeviceType(device);
    return e;
  }

  @Test
  void aUserWithASingleEventAndACustomerWithoutDemographics() {
    Customer bare = Customer.newBuilder().setCustomerId("u1").build();
    UserFeatures f = features(T + 2 * DAY, bare, List.of(event("e1", "u1", "p9", EventType.view, T)));
    assertEquals(1, f.getInteractions());
    assertEquals(1, f.getViews());
    assertEquals(1, f.getSessions(), "closed: two days have passed");
    assertEquals(0.0, f.getAvgSessionDurationMs());
    assertNull(f.getAvgDwellMs(), "no next event, no dwell time");
    assertEquals(2.0, f.getRecencyDays(), 1e-9);
    assertEquals(1 / (2.0 / 7), f.getInteractionsPerWeek(), 1e-9, "one interaction in two days");
    assertEquals(0.0, f.getMonetary());
    assertNull(f.getAvgPrice());
    assertNull(f.getDiversity(), "no purchases");
    assertNull(f.getFavouriteCategory(), "p9 is not in the catalog");
    assertEquals(0, f.getDistinctCategories());
    assertNull(f.getDevice());
    assertNull(f.getAgeGroup());
    assertNull(f.getTenureDays());
  }

  @Test
  void countsDwellRecencyFrequencyMoneyPricePointDiversityAndTheUsualDevice() {
    UserFeatures f = features(T + 7 * DAY, null, List.of(
        with(event("e1", "u1", "p1", EventType.view, T), 10.0, null, "mobile"),
        with(event("e2", "u1", "p1", EventType.add_to_cart, T + 2 * MIN), 10.0, null, "mobile"),
        with(event("e3", "u1", "p1", EventType.purchase, T + 6 * MIN), 10.0, 2, "desktop"),
        // a new session the next day
        with(event("e4", "u1", "p2", EventType.view, T + DAY), null, null, "mobile"),
        with(event("e5", "u1", "p3", EventType.purchase, T + DAY + 25 * MIN), 30.0, null, null)));
    assertEquals(5, f.getInteractions());
    assertEquals(2, f.getPurchases());
    assertEquals(3, f.getDistinctProducts());
    assertEquals(2, f.getSessions());
    assertEquals((6 + 25) * MIN / 2.0, f.getAvgSessionDurationMs(), 1e-9);
    assertEquals((2 + 4 + 10) * MIN / 3.0, f.getAvgDwellMs(), 1e-9, "gaps within sessions, 25 capped at 10");
    assertEquals(T, f.getFirstInteraction());
    assertEquals(T + DAY + 25 * MIN, f.getLastInteraction());
    assertEquals((6 * DAY - 25 * MIN) / (double) DAY, f.getRecencyDays(), 1e-9);
    assertEquals(5.0, f.getInteractionsPerWeek(), 1e-9, "five in the week up to as_of");
    assertEquals(10.0 * 2 + 30.0, f.getMonetary(), 1e-9);
    assertEquals(25.0, f.getAvgPurchaseAmount(), 1e-9, "(20 + 30) / 2");
    assertEquals((10 + 10 + 10 + 30) / 4.0, f.getAvgPrice(), 1e-9, "over the four priced events");
    assertEquals(0.5, f.getDiversity(), 1e-9, "one category (shoes) in two purchases");
    assertEquals("mobile", f.getDevice());
  }

  @Test
  void perCategoryAndPerProductCountsWithTheDwellTimeOfEachPage() {
    UserFeatures f = features(T + 7 * DAY, null, List.of(
        event("e1", "u1", "p2", EventType.view, T),
        event("e2", "u1", "p1", EventType.view, T + 3 * MIN),
        event("e3", "u1", "p1", EventType.view, T + 4 * MIN),
        event("e4", "u1", "p3", EventType.purchase, T + 9 * MIN)));
    assertEquals("shoes", f.getFavouriteCategory(), "three shoe events, one bag");
    assertEquals(List.of(new CategoryCounts("shoes", 3L, 2L, 1L), new CategoryCounts("bags", 1L, 1L, 0L)),
        f.getCategories());
    assertEquals(2, f.getDistinctCategories());
    // p1: two events, dwell 1 and 5 minutes; then p2 (3 minutes) before p3 by id; two listed
    assertEquals(List.of(new ProductCounts("p1", 2L, 2L, 0L, 3.0 * MIN), new ProductCounts("p2", 1L, 1L, 0L,
        3.0 * MIN)), f.getTopProducts());
  }

  @Test
  void demographicsFromTheCustomerRecord() {
    Customer c = Customer.newBuilder().setCustomerId("u1").setAgeGroup("25-34").setGender("f")
        .setLocation("Lyon").setSegment("loyal").setJoinDate(T - 100 * DAY).build();
    UserFeatures f = features(T + DAY, c, List.of(event("e1", "u1", "p1", EventType.view, T)));
    assertEquals("25-34", f.getAgeGroup());
    assertEquals("f", f.getGender());
    assertEquals("Lyon", f.getLocation());
    assertEquals("loyal", f.getSegment());
    assertEquals(101.0, f.getTenureDays(), 1e-9);
  }

  @Test
  void eventMetadataGivesTheUsualReferrerAndPageContext() {
    InteractionEvent a = event("e1", "u1", "p1", EventType.view, T);
    a.setReferrer("google");
    a.setPageContext("search");
    InteractionEvent b = event("e2", "u1", "p1", EventType.view, T + MIN);
    b.setReferrer("email");
    b.setPageContext("search");
    UserFeatures f = features(T + DAY, null, List.of(a, b));
    assertEquals("email", f.getReferrer(), "one each: the first by name");
    assertEquals("search", f.getPageContext());
  }

  @Test
  void twoRunsChainedThroughTheStateGiveWhatOneRunGives() {
    List<InteractionEvent> day1 = List.of(with(event("e1", "u1", "p1", EventType.view, T + DAY - 20 * MIN), 10.0,
        null, "mobile"), with(event("e2", "u1", "p1", EventType.purchase, T + DAY - 5 * MIN), 10.0, 1, null));
    // ten minutes after e2, across midnight: the same session
    List<InteractionEvent> day2 = List.of(event("e3", "u1", "p2", EventType.view, T + DAY + 5 * MIN));
    long end1 = T + DAY;
    long end2 = T + 2 * DAY;
    UserState afterDay1 = fed(null, day1, end1).state(end1);
    assertEquals("e1", afterDay1.getOpen().getFirstEventId(), "open at the end of day 1");
    UserActivity chained = fed(afterDay1, day2, end2);
    UserActivity whole = fed(null, List.of(day1.get(0), day1.get(1), day2.get(0)), end2);
    assertEquals(whole.features(end2, null), chained.features(end2, null));
    assertEquals(1, chained.features(end2, null).getSessions(), "one session across midnight");
    assertEquals(whole.state(end2), chained.state(end2));
  }
}
