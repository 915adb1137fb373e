package io.reco.jobs.features;

import static io.reco.jobs.common.SilverFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.ItemState;
import io.reco.records.avro.Product;
import io.reco.records.avro.ProductMetadata;
import io.reco.schema.avro.ItemFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Item features against values worked out by hand. */
class ItemActivityTest {
  private static final long DAY = 86_400_000L;
  private static final long MIDNIGHT = 1793491200000L; // 2026-11-01T00:00:00Z

  private static ItemActivity fed(ItemState previous, List<InteractionEvent> events) {
    ItemActivity a = new ItemActivity(7);
    a.start("p1", previous);
    events.forEach(a::add);
    return a;
  }

  private static Product product(long createdAt) {
    return Product.newBuilder().setProductId("p1").setName("Trail shoe").setCategory("shoes").setBrand("acme")
        .setPrice(80.0).setCreatedAt(createdAt).setAvgRating(4.5f).setNumReviews(12).build();
  }

  @Test
  void aProductWithNoViews() {
    InteractionEvent bought = event("e1", "u1", "p1", EventType.purchase, MIDNIGHT);
    bought.setPrice(20.0);
    long asOf = MIDNIGHT + 3 * DAY;
    ItemFeatures f = fed(null, List.of(bought)).features(asOf, null, null);
    assertEquals(0, f.getViews());
    assertEquals(1, f.getPurchases());
    assertEquals(0.0, f.getPopularity());
    assertEquals(1.0, f.getConversionRate(), 1e-9, "(1 + 1) / (0 + 2)");
    assertEquals(0.0, f.getTrendingScore(), "no views, nothing trends");
    assertEquals(1 / 4.0, f.getRecencyScore(), 1e-9, "bought 3 days before as_of");
    assertEquals(MIDNIGHT, f.getLastPurchase());
    assertEquals(20.0, f.getAvgPrice());
    assertNull(f.getAvgRating());
    assertNull(f.getCategory(), "not in the catalog");
  }

  @Test
  void aCatalogProductWithoutAnyEvent() {
    ItemActivity a = new ItemActivity(7);
    a.start("p1", null);
    ItemFeatures f = a.features(MIDNIGHT + DAY, product(MIDNIGHT - 9 * DAY), null);
    assertEquals(0, f.getViews());
    assertEquals(0, f.getUsers());
    assertNull(f.getFirstSeen());
    assertEquals(0.5, f.getConversionRate(), 1e-9, "(0 + 1) / (0 + 2)");
    assertEquals(4.5, f.getAvgRating(), 1e-6, "the catalog's rating when no event has one");
    assertEquals("shoes", f.getCategory());
    assertEquals(80.0, f.getPrice());
    assertEquals(12, f.getNumReviews());
  }

  @Test
  void popularitySinceCreationConversionRatingRecencyTrendingAndMetadata() {
    long asOf = MIDNIGHT + 10 * DAY;
    InteractionEvent rated = event("e5", "u3", "p1", EventType.view, asOf - DAY / 2);
    rated.setRating(4.0f);
    InteractionEvent rated2 = event("e6", "u3", "p1", EventType.click, asOf - DAY / 4);
    rated2.setRating(2.0f);
    ItemFeatures f = fed(null, List.of(
        event("e1", "u1", "p1", EventType.view, MIDNIGHT),
        event("e2", "u1", "p1", EventType.view, MIDNIGHT + DAY),
        event("e3", "u2", "p1", EventType.view, MIDNIGHT + 2 * DAY),
        event("e4", "u2", "p1", EventType.purchase, MIDNIGHT + 2 * DAY + 1000),
        rated, rated2)).features(asOf, product(MIDNIGHT - 10 * DAY),
            new ProductMetadata("p1", 0.8, -0.2, "rising"));
    assertEquals(4, f.getViews());
    assertEquals(3, f.getUsers());
    assertEquals(MIDNIGHT, f.getFirstSeen());
    assertEquals(4 / 20.0, f.getPopularity(), 1e-9, "four views in the twenty days since creation");
    assertEquals(2 / 6.0, f.getConversionRate(), 1e-9, "(1 + 1) / (4 + 2)");
    assertEquals(3.0, f.getAvgRating(), 1e-9, "the events' ratings before the catalog's");
    assertEquals(1 / ((8 * DAY - 1000) / (double) DAY + 1), f.getRecencyScore(), 1e-9);
    assertEquals(1 / 0.2, f.getTrendingScore(), 1e-9, "one view on the last day against 0.2 a day");
    assertEquals(0.8, f.getExtPopularity());
    assertEquals(-0.2, f.getExtSentiment());
    assertEquals("rising", f.getExtTrend());
    assertEquals("acme", f.getBrand());
  }

  @Test
  void theStateKeepsTheRecentDaysAndChainsToWhatOneRunGives() {
    List<InteractionEvent> first = List.of(event("e1", "u1", "p1", EventType.view, MIDNIGHT + 1000),
        event("e2", "u2", "p1", EventType.view, MIDNIGHT + 2000));
    List<InteractionEvent> later = List.of(event("e3", "u1", "p1", EventType.view, MIDNIGHT + 9 * DAY),
        event("e4", "u3", "p1", EventType.purchase, MIDNIGHT + 9 * DAY + 1));
    ItemState day1 = fed(null, first).state(MIDNIGHT + DAY);
    assertEquals(List.of("2026-11-01"), List.copyOf(day1.getDailyViews().keySet()));
    long asOf = MIDNIGHT + 10 * DAY;
    ItemActivity chained = fed(day1, later);
    ItemActivity whole = fed(null, List.of(first.get(0), first.get(1), later.get(0), later.get(1)));
    assertEquals(whole.features(asOf, null, null), chained.features(asOf, null, null));
    assertEquals(3, chained.features(asOf, null, null).getUsers());
    ItemState kept = chained.state(asOf);
    assertEquals(List.of("2026-11-10"), List.copyOf(kept.getDailyViews().keySet()), "day 1 is 9 days old");
  }
}
