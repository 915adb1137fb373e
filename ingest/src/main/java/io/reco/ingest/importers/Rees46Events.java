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
 * may be empty. Exports that leave out columns other than {@link #REQUIRED}, order them otherwise, or use ids that are
 * not numbers (UUIDs, say) are read too.
 */
public final class Rees46Events {
  /** The header of the events file as Kaggle publishes it. */
  public static final List<String> HEADER = List.of("event_time", "event_type", "product_id", "category_id",
      "category_code", "brand", "price", "user_id", "user_session");
  /** The columns an export must have; the others of {@link #HEADER} may be left out, and any order goes. */
  public static final List<String> REQUIRED = List.of("event_time", "event_type", "product_id", "user_id",
      "user_session");

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
   * @param price the unit price, or null when the export has none
   * @param userId the user
   * @param session the dataset's session id
   */
  public record Row(long time, EventType type, String productId, String categoryId, String categoryCode,
      String brand, Double price, String userId, String session) {
  }

  private final EventRules.Window times;
  private final List<String> header;

  /** A mapper of rows laid out as {@link #HEADER}, accepting event times in {@code times}. */
  public Rees46Events(EventRules.Window times) {
    this(times, HEADER);
  }

  /** A mapper of rows laid out as {@code header} (checked by {@link #header}), accepting event times in {@code times}. */
  public Rees46Events(EventRules.Window times, List<String> header) {
    this.times = times;
    this.header = header;
  }

  /**
   * The columns of a file whose header is {@code columns}: every one of {@link #REQUIRED}, any of the others of
   * {@link #HEADER}, in any order.
   *
   * @throws IllegalArgumentException naming what is missing or unknown
   */
  public static List<String> header(String file, List<String> columns) {
    List<String> names = columns.stream().map(c -> c.trim().toLowerCase(java.util.Locale.ROOT)).toList();
    List<String> missing = REQUIRED.stream().filter(c -> !names.contains(c)).toList();
    List<String> unknown = names.stream().filter(c -> !HEADER.contains(c)).toList();
    if (missing.size() == REQUIRED.size()) {
      // another dataset's file altogether
      throw new IllegalArgumentException("input " + file + " is not a rees46 file: its header is '"
          + Fields.shorten(String.join(",", columns), 200) + "', expected '" + String.join(",", HEADER) + "'");
    }
    if (!missing.isEmpty() || !unknown.isEmpty() || names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("input " + file + " is not a rees46 file: its header is '"
          + Fields.shorten(String.join(",", columns), 200) + "'" + (missing.isEmpty() ? "" : ", missing " + missing)
          + (unknown.isEmpty() ? "" : ", unknown " + unknown) + "; expected the columns " + String.join(",", HEADER)
          + " in any order, of which only " + String.join(",", REQUIRED) + " are required");
    }
    return names;
  }

  /** Validates one row; the exception names the first column at fault. */
  public Row parse(List<String> values) throws InvalidRecordException {
    Fields f = Fields.of(header, values);
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
    String productId = f.id("product_id");
    String categoryId = optional(f, "category_id") == null ? null : f.id("category_id");
    String categoryCode = optional(f, "category_code");
    String brand = optional(f, "brand");
    Double price = optional(f, "price") == null ? null : f.nonNegative("price");
    String userId = f.id("user_id");
    String session = f.id("user_session");
    return new Row(time, type, productId, categoryId, categoryCode, brand, price, userId, session);
  }

  /** The value of an optional column, or null when it is empty or the file has no such column. */
  private String optional(Fields f, String name) {
    return header.contains(name) ? f.optional(name) : null;
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
    if (row.price() != null) {
      catalog.price(id, t, row.price());
    }
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
