package io.reco.ingest.importers;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.util.List;
import java.util.Map;

/**
 * Maps rows of RetailRocket's {@code events.csv}: view to {@code view}, addtocart to {@code add_to_cart},
 * transaction to {@code purchase} with the transaction id as order. Timestamps are epoch milliseconds. The dataset
 * has no sessions, so the importer derives them with {@link GapSessions}.
 */
public final class RetailRocketEvents {
  /** The header of the events file. */
  public static final List<String> HEADER = List.of("timestamp", "visitorid", "event", "itemid", "transactionid");

  private static final Map<String, EventType> TYPES = Map.of("view", EventType.view, "addtocart",
      EventType.add_to_cart, "transaction", EventType.purchase);

  /**
   * One valid row.
   *
   * @param time event time, UTC epoch ms
   * @param visitorId the visitor
   * @param type the canonical event type
   * @param itemId the item
   * @param transactionId the transaction of a purchase, null otherwise
   */
  public record Row(long time, String visitorId, EventType type, String itemId, String transactionId) {
  }

  private final EventRules.Window times;

  /** A mapper accepting event times in {@code times}. */
  public RetailRocketEvents(EventRules.Window times) {
    this.times = times;
  }

  /** Validates one row; a transaction needs its transactionid and nothing else may carry one. */
  public Row parse(List<String> values) throws InvalidRecordException {
    Fields f = Fields.of(HEADER, values);
    long time = times.checkTime("timestamp", f.longValue("timestamp"), f.required("timestamp"));
    String visitor = f.integerId("visitorid");
    String typeText = f.required("event");
    EventType type = TYPES.get(typeText);
    if (type == null) {
      throw new InvalidRecordException(RejectReason.UNKNOWN_EVENT_TYPE, "event",
          "event '" + Fields.shorten(typeText) + "' is not one of view, addtocart, transaction");
    }
    String item = f.integerId("itemid");
    String transaction = f.optional("transactionid") == null ? null : f.integerId("transactionid");
    if (type == EventType.purchase && transaction == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "transactionid",
          "a transaction event needs its transactionid");
    }
    if (type != EventType.purchase && transaction != null) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, "transactionid",
          "a " + typeText + " event carries transactionid " + transaction + "; only transactions may");
    }
    return new Row(time, visitor, type, item, transaction);
  }

  /** The canonical event of a row in session {@code sessionId}. */
  public static InteractionEvent toEvent(Row row, String eventId, String sessionId) {
    return InteractionEvent.newBuilder()
        .setEventId(eventId)
        .setUserId(row.visitorId())
        .setProductId(row.itemId())
        .setEventType(row.type())
        .setTimestamp(row.time())
        .setSessionId(sessionId)
        .setOrderId(row.transactionId())
        .build();
  }
}
