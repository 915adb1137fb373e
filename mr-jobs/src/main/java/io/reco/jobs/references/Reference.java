package io.reco.jobs.references;

import io.reco.records.avro.InteractionEvent;

/**
 * A reference every silver event makes to master data: its product to the catalog, its user to the customers. Each
 * names the master entity (a snapshot of the raw zone), the id field there and in the event, and whether master
 * rows carry an active flag.
 */
public enum Reference {
  /** The event's {@code product_id} to a catalog row's {@code product_id}; inactive products are set aside. */
  PRODUCT("catalog", "product_id", "product_id", "is_active") {
    @Override
    String idOf(InteractionEvent event) {
      return event.getProductId();
    }
  },
  /** The event's {@code user_id} to a customer row's {@code customer_id}. */
  USER("customers", "customer_id", "user_id", null) {
    @Override
    String idOf(InteractionEvent event) {
      return event.getUserId();
    }
  };

  private final String entity;
  private final String masterField;
  private final String eventField;
  private final String activeField;

  Reference(String entity, String masterField, String eventField, String activeField) {
    this.entity = entity;
    this.masterField = masterField;
    this.eventField = eventField;
    this.activeField = activeField;
  }

  /** The id an event refers by. */
  abstract String idOf(InteractionEvent event);

  /** The master entity, as the raw zone names its snapshots ({@code master/<entity>/}). */
  public String entity() {
    return entity;
  }

  /** The id field of a master row. */
  public String masterField() {
    return masterField;
  }

  /** The field of the event that refers. */
  public String eventField() {
    return eventField;
  }

  /** The boolean field of a master row that says whether it is active, or null where all rows are. */
  public String activeField() {
    return activeField;
  }

  /** The reference whose entity is {@code entity}; the error lists the choices. */
  public static Reference of(String entity) {
    for (Reference r : values()) {
      if (r.entity.equals(entity)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown entity '" + entity + "'; expected one of [catalog, customers]");
  }
}
