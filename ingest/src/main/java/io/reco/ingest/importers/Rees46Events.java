package io.reco.ingest.importers;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;

/**
 * Maps rows of the REES46 e-commerce events CSV to canonical events and catalog facts. Event types: view to
 * {@code view}, cart to {@code add_to_cart}, remove_from_cart and purchase to themselves. The session is the
 * dataset's own {@code user_session}. Prices are the row's price (zero occurs and is kept); category_code and brand
 * may be empty.
 */
public final class Rees46Events {
  /** The header of the events file. */
  public static final List<String> HEADER = List.of("event_time", "event_type", "product_id", "category_id",
      "category_code", "brand", "price", "user_id", "user_session");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withResolverStyle(ResolverStyle.STRICT);
  private static final Map<String, EventType> TYPES = Map.of("view", EventType.view, "cart", EventType.add_to_cart,
      "remove_from_cart", EventType.remove_from_cart, "purchase", EventType.purchase);

  /**
   * One valid row.
   *
   * @param time event time, UTC epoch ms
   * @param type the canonical event type
   * @param productId the product
   * @param categoryId the dataset's numeric category id, or null
   * @param categoryCode the dotted category path such as {@code electronics.smartphone}, or null
   * @param brand the brand, or null
   * @param price the unit price
   * @param userId the user
   * @param session the dataset's session id
   */
  public record Row(long time, EventType type, String productId, String categoryId, String categoryCode,
      String brand, double price, String userId, String session) {
  }

  private final EventRules.Window times;

  /** A mapper accepting event times in {@code times}. */
  public Rees46Events(EventRules.Window times) {
    this.times = times;
  }

  /** Validates one row; the exception names the first column at fault. */
  public Row parse(List<String> values) throws InvalidRecordException {
    Fields f = Fields.of(HEADER, values);
    String timeText = f.required("event_time");
    long time;
    try {
      time = LocalDateTime.parse(timeText, TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, "event_time",
          "field 'event_time' must look like '2019-10-01 00:00:00 UTC', was '" + Fields.shorten(timeText) + "'");
    }
    times.checkTime("event_time", time, timeText);
    String typeText = f.required("event_type");
    EventType type = TYPES.get(typeText);
    if (type == null) {
      throw new InvalidRecordException(RejectReason.UNKNOWN_EVENT_TYPE, "event_type", "event_type '"
          + Fields.shorten(typeText) + "' is not one of view, cart, remove_from_cart, purchase");
    }
    String productId = f.integerId("product_id");
    String categoryId = f.optional("category_id") == null ? null : f.integerId("category_id");
    String categoryCode = f.optional("category_code");
    String brand = f.optional("brand");
    double price = f.nonNegative("price");
    String userId = f.integerId("user_id");
    String session = f.id("user_session");
    return new Row(time, type, productId, categoryId, categoryCode, brand, price, userId, session);
  }

  /** The canonical event of a row. */
  public static InteractionEvent toEvent(Row row, String eventId) {
    return InteractionEvent.newBuilder()
        .setEventId(eventId)
        .setUserId(row.userId())
        .setProductId(row.productId())
        .setEventType(row.type())
        .setTimestamp(row.time())
        .setSessionId(row.session())
        .setPrice(row.price())
        .build();
  }

  /**
   * What a row tells about its product: name "{@code <brand> <category_code>}" (either alone when the other is
   * missing), category the first segment of category_code and subcategory the rest, brand, price, and the numeric
   * category id as attribute {@code category_id}.
   */
  public static void addTo(CatalogBuilder catalog, Row row) {
    String id = row.productId();
    long t = row.time();
    catalog.seen(id, t);
    catalog.price(id, t, row.price());
    if (row.brand() != null || row.categoryCode() != null) {
      catalog.name(id, t, row.brand() == null ? row.categoryCode()
          : row.categoryCode() == null ? row.brand() : row.brand() + " " + row.categoryCode());
    }
    if (row.categoryCode() != null) {
      int dot = row.categoryCode().indexOf('.');
      catalog.category(id, t, dot < 0 ? row.categoryCode() : row.categoryCode().substring(0, dot),
          dot < 0 ? null : row.categoryCode().substring(dot + 1));
    }
    if (row.brand() != null) {
      catalog.brand(id, t, row.brand());
    }
    if (row.categoryId() != null) {
      catalog.attribute(id, t, "category_id", row.categoryId());
    }
  }
}
