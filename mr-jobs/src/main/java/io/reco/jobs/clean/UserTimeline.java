package io.reco.jobs.clean;

import io.reco.schema.avro.EventType;
import io.reco.schema.avro.InteractionEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges one user's events, in time order, by explicit heuristics. A user is a bot when more than
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
  /** What became of a user's events. */
  public record Verdict(List<InteractionEvent> clean, List<InteractionEvent> nearDuplicates,
                        List<InteractionEvent> botEvents, String botReason) {
  }

  /** Sorts {@code events} by time (then id) and judges them. */
  public Verdict judge(List<InteractionEvent> events) {
    List<InteractionEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(InteractionEvent::getTimestamp).thenComparing(InteractionEvent::getEventId));
    String bot = botReason(sorted);
    if (bot != null) {
      return new Verdict(List.of(), List.of(), sorted, bot);
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
    return new Verdict(clean, repeats, List.of(), null);
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
