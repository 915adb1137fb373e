package io.reco.jobs.clean;

import io.reco.records.RecordJson;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges one user's events, in time order, by explicit heuristics. First, one event is kept per event_id: the
 * earliest, ties broken by its JSON form, so the choice does not depend on the order copies arrive in; the other
 * copies are exact duplicates (a replayed batch, a retried send). Then a user is a bot when more than
 * {@code maxEventsPerMinute} events fall in any 60 seconds, or when more than {@code maxQuickViews} views follow
 * the previous view within a second; all of a bot's events go. Otherwise an event repeating the same product and
 * event type within {@code duplicateWindowMs} of the last kept one is a near duplicate (a double click, a retried
 * beacon).
 *
 * @param maxEventsPerMinute events in any 60 s above which a user is a bot
 * @param maxQuickViews views less than a second after the previous view above which a user is a bot
 * @param duplicateWindowMs how close a repeat must be to count as a near duplicate
 */
public record UserTimeline(int maxEventsPerMinute, int maxQuickViews, long duplicateWindowMs) {
  /** What became of a user's events; every event is in exactly one list. */
  public record Verdict(List<InteractionEvent> clean, List<InteractionEvent> duplicates,
                        List<InteractionEvent> nearDuplicates, List<InteractionEvent> botEvents, String botReason) {
  }

  /** Sorts {@code events} by time (then id) and judges them. */
  public Verdict judge(List<InteractionEvent> events) {
    List<InteractionEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(InteractionEvent::getTimestamp).thenComparing(InteractionEvent::getEventId));
    List<InteractionEvent> duplicates = new ArrayList<>();
    sorted = firstOfEachId(sorted, duplicates);
    String bot = botReason(sorted);
    if (bot != null) {
      return new Verdict(List.of(), duplicates, List.of(), sorted, bot);
    }
    List<InteractionEvent> clean = new ArrayList<>();
    List<InteractionEvent> repeats = new ArrayList<>();
    Map<String, Long> lastKept = new HashMap<>();
    for (InteractionEvent e : sorted) {
      String key = e.getProductId() + '\u0000' + e.getEventType();
      Long last = lastKept.get(key);
      if (last != null && e.getTimestamp() - last < duplicateWindowMs) {
        repeats.add(e);
      } else {
        clean.add(e);
        lastKept.put(key, e.getTimestamp());
      }
    }
    return new Verdict(clean, duplicates, repeats, List.of(), null);
  }

  /**
   * The first event of each id in {@code sorted} (time order); equal times are settled by the JSON form, the
   * smaller kept. The others go to {@code duplicates}.
   */
  private static List<InteractionEvent> firstOfEachId(List<InteractionEvent> sorted,
      List<InteractionEvent> duplicates) {
    Map<String, Integer> firstAt = new HashMap<>();
    List<InteractionEvent> kept = new ArrayList<>(sorted.size());
    for (InteractionEvent e : sorted) {
      Integer at = firstAt.putIfAbsent(e.getEventId(), kept.size());
      if (at == null) {
        kept.add(e);
        continue;
      }
      InteractionEvent first = kept.get(at);
      if (first.getTimestamp() == e.getTimestamp()
          && RecordJson.toJson(e).compareTo(RecordJson.toJson(first)) < 0) {
        kept.set(at, e);
        duplicates.add(first);
      } else {
        duplicates.add(e);
      }
    }
    return kept;
  }

  private String botReason(List<InteractionEvent> sorted) {
    int start = 0;
    for (int end = 0; end < sorted.size(); end++) {
      while (sorted.get(end).getTimestamp() - sorted.get(start).getTimestamp() >= 60_000L) {
        start++;
      }
      if (end - start + 1 > maxEventsPerMinute) {
        return "more than " + maxEventsPerMinute + " events in a minute";
      }
    }
    int quick = 0;
    long lastView = Long.MIN_VALUE;
    for (InteractionEvent e : sorted) {
      if (e.getEventType() == EventType.view) {
        if (lastView != Long.MIN_VALUE && e.getTimestamp() - lastView < 1_000L) {
          quick++;
        }
        lastView = e.getTimestamp();
      }
    }
    return quick > maxQuickViews ? quick + " views less than a second after the previous one (more than "
        + maxQuickViews + ")" : null;
  }
}
