package io.reco.serving;

import io.reco.schema.ItemStatus;
import io.reco.schema.avro.ItemFeatures;

/**
 * What the rules and filters know of an item: its catalog category, brand and price, and whether it is active and
 * in stock. Read from the served model's item features (the catalog snapshot of its run), overlaid by the live
 * status the shop's change events give ({@link #live}).
 *
 * @param category null when the catalog does not have it
 * @param brand null when the catalog gives none
 * @param price the list price; null when unknown
 */
record ItemFacts(String category, String brand, Double price, boolean active, boolean inStock) {

  /** An item's facts from its feature cell; an item the catalog is silent on is active and in stock. */
  static ItemFacts of(ItemFeatures features) {
    return new ItemFacts(text(features.getCategory()), text(features.getBrand()), features.getPrice(),
        !Boolean.FALSE.equals(features.getIsActive()), !Boolean.FALSE.equals(features.getInStock()));
  }

  /**
   * {@code features} (null: the model has none) as the item's live status says it is now: its price, stock and
   * active flag where a change gave them; a deleted item is inactive.
   */
  static ItemFacts live(ItemFacts features, ItemStatus status) {
    ItemFacts base = features == null ? new ItemFacts(null, null, null, true, true) : features;
    return new ItemFacts(base.category(), base.brand(), status.price() != null ? status.price() : base.price(),
        !status.deleted() && (status.active() != null ? status.active() : base.active()),
        status.inStock() != null ? status.inStock() : base.inStock());
  }

  private static String text(CharSequence value) {
    return value == null ? null : value.toString();
  }
}
