package io.reco.jobs.features;

import io.reco.schema.avro.ItemFeatures;
import java.util.Arrays;
import java.util.List;

/**
 * The features that compare an item with the rest of its catalog category: the list price's percentile in the
 * category and the category's share of all views. Knows nothing of MapReduce.
 */
final class CategoryFeatures {
  private CategoryFeatures() {
  }

  /**
   * Sets the category-wide features of {@code items}, every item of one category (null: items outside the
   * catalog, which get neither); {@code totalViews} is the views of every item.
   */
  static void apply(String category, List<ItemFeatures> items, long totalViews) {
    if (category == null) {
      return;
    }
    double[] prices = items.stream().filter(i -> i.getPrice() != null).mapToDouble(ItemFeatures::getPrice).sorted()
        .toArray();
    long views = items.stream().mapToLong(ItemFeatures::getViews).sum();
    Double share = totalViews == 0 ? null : (double) views / totalViews;
    for (ItemFeatures item : items) {
      item.setCategoryPopularity(share);
      if (item.getPrice() != null) {
        item.setPricePercentile(midRank(prices, item.getPrice()));
      }
    }
  }

  /** (values below {@code price} + half the values equal to it) / values; {@code sorted} holds {@code price}. */
  static double midRank(double[] sorted, double price) {
    int below = lowerBound(sorted, price);
    int notAbove = lowerBound(sorted, Math.nextUp(price));
    return (below + (notAbove - below) / 2.0) / sorted.length;
  }

  private static int lowerBound(double[] sorted, double value) {
    int i = Arrays.binarySearch(sorted, value);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && sorted[i - 1] == value) {
      i--;
    }
    return i;
  }
}
