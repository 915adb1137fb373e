package io.reco.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.UserFeatures;
import org.junit.jupiter.api.Test;

/** A feature cell carries the schema version that wrote it, and a reader refuses a version it does not know. */
class FeatureCellsTest {
  static UserFeatures sample() {
    return UserFeatures.newBuilder().setUserId("u1").setAsOf(1_000L).setInteractions(3).setViews(2).setClicks(0).setAddToCarts(0)
        .setPurchases(1).setDistinctProducts(2).setSessions(1).setAvgSessionDurationMs(60_000)
        .setAvgDwellMs(30_000.0).setFirstInteraction(10).setLastInteraction(70).setRecencyDays(0.5)
        .setInteractionsPerWeek(21).setMonetary(9.5).setAvgPrice(9.5).setDiversity(1.0).setDevice("mobile")
        .setReferrer(null).setDistinctCategories(1).setFavouriteCategory("shoes")
        .setCategories(java.util.List.of(new io.reco.schema.avro.CategoryCounts("shoes", 3L, 2L, 1L)))
        .setTopProducts(java.util.List.of(new io.reco.schema.avro.ProductCounts("p1", 2L, 1L, 1L, 30_000.0)))
        .setAgeGroup("25-34").setTenureDays(12.0).build();
  }

  @Test
  void aCellRoundTripsAndStartsWithItsSchemaVersion() {
    byte[] cell = FeatureCells.encode(sample());
    assertEquals(FeatureCells.USER_VERSION, cell[0]);
    assertEquals(sample(), FeatureCells.decodeUser(cell));
  }

  @Test
  void aCellOfAnUnknownVersionIsRefusedSayingWhich() {
    byte[] cell = FeatureCells.encode(sample());
    cell[0] = 1; // as the first release wrote them
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> FeatureCells.decodeUser(cell));
    assertEquals("a reco:user_features cell was written by feature set 'user' schema version 1; this reader knows"
        + " version 2 only - deploy the reader of that version", e.getMessage());
    assertTrue(assertThrows(IllegalStateException.class, () -> FeatureCells.decodeUser(new byte[0])).getMessage()
        .contains("(none: an empty cell)"));
  }

  @Test
  void anItemCellRoundTrips() {
    ItemFeatures item = ItemFeatures.newBuilder().setItemId("p1").setAsOf(5L).setViews(4).setClicks(1).setAddToCarts(1)
        .setPurchases(1).setUsers(3).setFirstSeen(1L).setLastPurchase(4L).setPopularity(0.4)
        .setConversionRate(1 / 3.0).setAvgRating(null).setAvgPrice(12.5).setRecencyScore(0.5)
        .setTrendingScore(2.5).setCategory("shoes").setPrice(12.0).setPricePercentile(0.5).setExtTrend("rising")
        .build();
    byte[] cell = FeatureCells.encode(item);
    assertEquals(FeatureCells.ITEM_VERSION, cell[0]);
    assertEquals(item, FeatureCells.decodeItem(cell));
  }
}
