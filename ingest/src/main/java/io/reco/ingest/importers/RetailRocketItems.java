package io.reco.ingest.importers;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import java.util.List;

/**
 * Maps rows of RetailRocket's {@code item_properties.csv} (weekly snapshots of item properties) to catalog facts.
 * Only two properties are readable: {@code categoryid} becomes the category and {@code available} (0 or 1) the
 * stock flag, each taking its latest value per item. All other properties are hashed by the publisher and carry no
 * meaning a catalog could show; their rows only date the item's first appearance and are counted as ignored.
 */
public final class RetailRocketItems {
  /** The header of the item properties file. */
  public static final List<String> HEADER = List.of("timestamp", "itemid", "property", "value");

  /** The property holding the item's category id. */
  public static final String CATEGORY = "categoryid";

  /** The property holding 1 when the item can be bought, 0 when not. */
  public static final String AVAILABLE = "available";

  /**
   * One valid row.
   *
   * @param time when the property had this value, UTC epoch ms
   * @param itemId the item
   * @param property the property name, or a hashed property id
   * @param value the value, validated for the two readable properties
   */
  public record Property(long time, String itemId, String property, String value) {
    /** Whether the catalog uses this property. */
    public boolean readable() {
      return CATEGORY.equals(property) || AVAILABLE.equals(property);
    }
  }

  private final EventRules.Window times;

  /** A mapper accepting property times in {@code times}. */
  public RetailRocketItems(EventRules.Window times) {
    this.times = times;
  }

  /** Validates one row; values are checked only for the properties the catalog reads. */
  public Property parse(List<String> values) throws InvalidRecordException {
    Fields f = Fields.of(HEADER, values);
    long time = times.checkTime("timestamp", f.longValue("timestamp"), f.required("timestamp"));
    String item = f.integerId("itemid");
    String property = f.id("property");
    String value = f.optional("value");
    if (CATEGORY.equals(property)) {
      value = f.integerId("value");
    } else if (AVAILABLE.equals(property)) {
      value = f.required("value");
      if (!value.equals("0") && !value.equals("1")) {
        throw new InvalidRecordException(RejectReason.INVALID_VALUE, "value",
            "property 'available' must be 0 or 1, was '" + Fields.shorten(value) + "'");
      }
    }
    return new Property(time, item, property, value);
  }

  /** Applies a property to the catalog; returns whether it was readable rather than ignored. */
  public static boolean addTo(CatalogBuilder catalog, Property p) {
    catalog.seen(p.itemId(), p.time());
    if (CATEGORY.equals(p.property())) {
      catalog.category(p.itemId(), p.time(), p.value(), null);
    } else if (AVAILABLE.equals(p.property())) {
      catalog.inStock(p.itemId(), p.time(), p.value().equals("1"));
    }
    return p.readable();
  }
}
