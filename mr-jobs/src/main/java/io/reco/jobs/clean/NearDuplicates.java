package io.reco.jobs.clean;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds near duplicates in one user's events, fed one at a time in time order: an event repeating the product and
 * event type of the last one kept within {@code windowMs} is a near duplicate (a double click, a retried beacon).
 * It remembers what was kept within the window only; for a user who is not a bot (the only ones it is fed) that is
 * at most the bot threshold's events per minute for each minute of the window.
 */
public final class NearDuplicates {
  private final long windowMs;
  /** The time of the last kept event of each product and type, oldest first. */
  private final LinkedHashMap<String, Long> lastKept = new LinkedHashMap<>();
  private long last = Long.MIN_VALUE;

  /** A finder with this window; {@link CleanRules} checks it. */
  NearDuplicates(long windowMs) {
    this.windowMs = windowMs;
  }

  /** Whether {@code event}, not before the previous one, is a near duplicate; if not, it is remembered as kept. */
  public boolean isNearDuplicate(InteractionEvent event) {
    long timestamp = event.getTimestamp();
    if (timestamp < last) {
      throw new IllegalArgumentException("events must come in time order: " + timestamp + " after " + last);
    }
    last = timestamp;
    for (Iterator<Map.Entry<String, Long>> oldest = lastKept.entrySet().iterator(); oldest.hasNext(); ) {
      if (timestamp - oldest.next().getValue() < windowMs) {
        break;
      }
      oldest.remove(); // out of the window for this event, so for every later one
    }
    String key = key(event.getProductId(), event.getEventType());
    if (lastKept.containsKey(key)) {
      return true;
    }
    lastKept.put(key, timestamp);
    return false;
  }

  private static String key(String productId, EventType type) {
    return productId + '\u0000' + type.name();
  }

  /** Forgets the user, for the next one. */
  public void reset() {
    lastKept.clear();
    last = Long.MIN_VALUE;
  }
}
