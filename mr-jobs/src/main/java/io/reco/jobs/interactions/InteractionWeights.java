package io.reco.jobs.interactions;

import io.reco.records.avro.EventType;

/** How strongly each event type says a user wants an item; a pair keeps its strongest event. */
public final class InteractionWeights {
  private InteractionWeights() {
  }

  /** The weight of one event type: view 1, remove_from_cart 1, click 2, add_to_cart 4, purchase 8. */
  public static int of(EventType type) {
    return switch (type) {
      case view, remove_from_cart -> 1;
      case click -> 2;
      case add_to_cart -> 4;
      case purchase -> 8;
      case impression -> throw new IllegalArgumentException("an impression is what the service showed, not an"
          + " interaction: bronze to silver sets impressions apart");
    };
  }
}
