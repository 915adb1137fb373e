package io.reco.jobs.features;

import static io.reco.jobs.common.SilverFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.schema.avro.ItemFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Item features against values worked out by hand. */
class ItemFeaturesBuilderTest {
  private static final long DAY = 86_400_000L;
  private static final long T = 1793491260000L;

  private static ItemFeatures features(long asOf, List<InteractionEvent> events) {
    ItemFeaturesBuilder b = new ItemFeaturesBuilder(asOf);
    b.item();
    events.forEach(b::add);
    return b.build();
  }

  @Test
  void aProductWithNoViews() {
    InteractionEvent bought = event("e1", "u1", "p1", EventType.purchase, T);
    bought.setPrice(20.0);
    ItemFeatures f = features(T + 3 * DAY, List.of(bought));
    assertEquals(0, f.getViews());
    assertEquals(1, f.getPurchases());
    assertEquals(0.0, f.getPopularity());
    assertEquals(1.0, f.getConversionRate(), 1e-9, "(1 + 1) / (0 + 2)");
    assertEquals(0.0, f.getTrendingScore(), "no views, nothing trends");
    assertEquals(1 / 4.0, f.getRecencyScore(), 1e-9, "bought 3 days before as_of");
    assertEquals(T, f.getLastPurchase());
    assertEquals(20.0, f.getAvgPrice());
    assertNull(f.getAvgRating());
  }

  @Test
  void popularityConversionRatingRecencyAndTrending() {
    long asOf = T + 10 * DAY;
    InteractionEvent rated = event("e5", "u3", "p1", EventType.view, asOf - DAY / 2);
    rated.setRating(4.0f);
    InteractionEvent rated2 = event("e6", "u3", "p1", EventType.click, asOf - DAY / 4);
    rated2.setRating(2.0f);
    ItemFeatures f = features(asOf, List.of(
        event("e1", "u1", "p1", EventType.view, T),
        event("e2", "u1", "p1", EventType.view, T + DAY),
        event("e3", "u2", "p1", EventType.view, T + 2 * DAY),
        event("e4", "u2", "p1", EventType.purchase, T + 2 * DAY + 1000),
        rated, rated2));
    assertEquals(4, f.getViews());
    assertEquals(3, f.getUsers());
    assertEquals(T, f.getFirstSeen());
    assertEquals(4 / 10.0, f.getPopularity(), 1e-9, "four views in ten days");
    assertEquals(2 / 6.0, f.getConversionRate(), 1e-9, "(1 + 1) / (4 + 2)");
    assertEquals(3.0, f.getAvgRating(), 1e-9);
    assertEquals(1 / ((8 * DAY - 1000) / (double) DAY + 1), f.getRecencyScore(), 1e-9);
    assertEquals(1 / 0.4, f.getTrendingScore(), 1e-9, "one view in the last day against 0.4 a day");
  }
}
