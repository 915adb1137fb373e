package io.reco.jobs.clean;

import io.reco.records.RecordJson;
import io.reco.records.avro.InteractionEvent;

/**
 * Of the copies of one event_id, the one silver keeps: the earliest, copies of the same time settled by the smaller
 * JSON form, so the choice does not depend on the order copies arrive in. The others are exact duplicates (a
 * replayed batch, a retried send). Copies are offered one at a time, in any order; only the one kept is held.
 */
public final class EarliestCopy {
  private InteractionEvent kept;
  /** The JSON form of {@code kept}, once a copy of the same time needed it. */
  private String keptJson;

  /** Whether {@code event} has another event_id than the copies offered since the last {@link #take()}. */
  public boolean isAnotherId(InteractionEvent event) {
    return kept != null && !kept.getEventId().equals(event.getEventId());
  }

  /**
   * Offers the next copy of the current event_id; returns the copy that is now a duplicate, {@code copy} or the one
   * kept until now, or null for the first copy. The copy is held, so it must not be reused by the caller.
   */
  public InteractionEvent offer(InteractionEvent copy) {
    if (kept == null) {
      kept = copy;
      keptJson = null;
      return null;
    }
    if (isAnotherId(copy)) {
      throw new IllegalArgumentException("event_id " + copy.getEventId() + " offered while choosing among copies of "
          + kept.getEventId() + "; take() the kept one first");
    }
    if (copy.getTimestamp() > kept.getTimestamp()) {
      return copy;
    }
    String json = null;
    if (copy.getTimestamp() == kept.getTimestamp()) {
      json = RecordJson.toJson(copy);
      if (keptJson == null) {
        keptJson = RecordJson.toJson(kept);
      }
      if (json.compareTo(keptJson) >= 0) {
        return copy;
      }
    }
    InteractionEvent duplicate = kept;
    kept = copy;
    keptJson = json;
    return duplicate;
  }

  /** The copy kept of the current event_id, or null when none was offered; the next copy offered starts anew. */
  public InteractionEvent take() {
    InteractionEvent taken = kept;
    kept = null;
    keptJson = null;
    return taken;
  }
}
