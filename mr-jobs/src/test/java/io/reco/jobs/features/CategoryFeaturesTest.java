package io.reco.jobs.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.reco.schema.avro.ItemFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Price percentiles and category shares worked out by hand. */
class CategoryFeaturesTest {
  private static ItemFeatures item(String id, Double price, long views) {
    return ItemFeatures.newBuilder().setItemId(id).setAsOf(0).setViews(views).setClicks(0).setAddToCarts(0)
        .setPurchases(0).setUsers(0).setPopularity(0).setConversionRate(0.5).setRecencyScore(0).setTrendingScore(0)
        .setCategory("shoes").setPrice(price).build();
  }

  @Test
  void midRankPercentilesWithTiesAndTheCategoryShareOfViews() {
    List<ItemFeatures> items = List.of(item("a", 10.0, 5), item("b", 20.0, 0), item("c", 20.0, 3),
        item("d", 40.0, 2), item("e", null, 0));
    CategoryFeatures.apply("shoes", items, 40);
    assertEquals(0.5 / 4, items.get(0).getPricePercentile(), 1e-9, "cheapest of four priced");
    assertEquals((1 + 1.0) / 4, items.get(1).getPricePercentile(), 1e-9, "one cheaper, two of its price");
    assertEquals(items.get(1).getPricePercentile(), items.get(2).getPricePercentile());
    assertEquals(3.5 / 4, items.get(3).getPricePercentile(), 1e-9);
    assertNull(items.get(4).getPricePercentile(), "no list price");
    assertEquals(10 / 40.0, items.get(0).getCategoryPopularity(), 1e-9, "10 of all 40 views");
  }

  @Test
  void aSingleItemCategorySitsInTheMiddle() {
    List<ItemFeatures> items = List.of(item("a", 10.0, 0));
    CategoryFeatures.apply("shoes", items, 0);
    assertEquals(0.5, items.get(0).getPricePercentile());
    assertNull(items.get(0).getCategoryPopularity(), "no views anywhere: no share");
  }
}
