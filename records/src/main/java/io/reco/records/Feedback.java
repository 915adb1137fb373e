package io.reco.records;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * The feedback loop's events, as the service logs them and the feedback job reads them: canonical
 * {@link InteractionEvent}s on the clickstream topic, tied to the answer they are about by its request id in
 * {@code metadata}. An impression is one item of one answer ({@code event_id} {@code <request_id>-<position>}, the
 * endpoint as {@code page_context}, the variant, model version, strategy and the item's slot on the page and position
 * in the list in {@code metadata}); a click is a {@code click} whose {@code metadata.request_id} names the answer
 * the item was clicked in (a shop's own tracker may send the same key). A visitor without a user id is
 * {@code anonymous:<request_id>} on both, so an anonymous answer's clicks still meet its impressions.
 */
public final class Feedback {
  /** Metadata key: the id of the answer ({@code X-Request-Id}, {@code request_id} in the body). */
  public static final String REQUEST_ID = "request_id";
  /** Metadata key: the A/B variant that answered, {@code experiment/variant} or {@code none}. */
  public static final String VARIANT = "variant";
  /** Metadata key: the model version that answered. */
  public static final String MODEL = "model";
  /** Metadata key: the list the answer came from ({@code personal}, {@code popular}...). */
  public static final String STRATEGY = "strategy";
  /** Metadata key: the item's place on the page answered, from 1. */
  public static final String SLOT = "slot";
  /** Metadata key: the item's place in the whole list ({@code offset} + slot). */
  public static final String POSITION = "position";
  /** The user id prefix of a visitor the request names no user for. */
  public static final String ANONYMOUS = "anonymous:";

  private Feedback() {
  }

  /** The answer an impression or click is about: its id, who asked, and what answered. */
  public record Answer(String requestId, String userId, String sessionId, String endpoint, String variant,
      String model, String strategy) {
    /** The user of the events: the one named, else {@code anonymous:<request_id>}. */
    public String user() {
      return userId != null ? userId : ANONYMOUS + requestId;
    }
  }

  /** The impression of {@code item}, shown at {@code slot} (from 1) of the page starting at {@code offset}. */
  public static InteractionEvent impression(Answer answer, String item, int slot, int offset, long time) {
    Map<String, String> metadata = new HashMap<>(8);
    metadata.put(REQUEST_ID, answer.requestId());
    metadata.put(VARIANT, answer.variant());
    metadata.put(MODEL, answer.model());
    metadata.put(STRATEGY, answer.strategy());
    metadata.put(SLOT, Integer.toString(slot));
    metadata.put(POSITION, Integer.toString(offset + slot));
    return new InteractionEvent(answer.requestId() + "-" + (offset + slot), answer.user(), item,
        EventType.impression, time, session(answer), null, null, null, null, null, answer.endpoint(), null,
        metadata);
  }

  /** A click on {@code item} in the answer {@code requestId}, reported by the shop's page. */
  public static InteractionEvent click(String requestId, String userId, String sessionId, String item,
      long time) {
    Answer answer = new Answer(requestId, userId, sessionId, null, null, null, null);
    return new InteractionEvent(requestId + "-click-" + item, answer.user(), item, EventType.click, time,
        session(answer), null, null, null, null, null, "recommendation", null, Map.of(REQUEST_ID, requestId));
  }

  private static String session(Answer answer) {
    return answer.sessionId() != null ? answer.sessionId() : answer.requestId();
  }

  /** The request id an event names, or null. */
  public static String requestId(InteractionEvent event) {
    Map<String, String> metadata = event.getMetadata();
    return metadata == null ? null : metadata.get(REQUEST_ID);
  }
}
