package io.reco.jobs.clean;

import java.util.ArrayDeque;

/**
 * Tells a bot from one user's events, fed one at a time in time order: a user is a bot when more than
 * {@code maxEventsPerMinute} events fall in any 60 seconds, or when more than {@code maxQuickViews} views follow the
 * previous view within a second. It holds the times of the last minute only, at most {@code maxEventsPerMinute + 1},
 * and a count: a history of millions of events costs what one of a hundred does.
 */
public final class BotDetector {
  private static final long MINUTE_MS = 60_000L;
  private static final long QUICK_MS = 1_000L;

  private final int maxEventsPerMinute;
  private final int maxQuickViews;
  private final ArrayDeque<Long> lastMinute = new ArrayDeque<>();
  private boolean tooFast;
  private long quickViews;
  private boolean sawView;
  private long lastView;
  private long last = Long.MIN_VALUE;

  /** A detector by these thresholds; {@link CleanRules} checks them. */
  BotDetector(int maxEventsPerMinute, int maxQuickViews) {
    this.maxEventsPerMinute = maxEventsPerMinute;
    this.maxQuickViews = maxQuickViews;
  }

  /** Adds the next event of the user: its time, not before the previous one's, and whether it is a view. */
  public void add(long timestamp, boolean view) {
    if (timestamp < last) {
      throw new IllegalArgumentException("events must come in time order: " + timestamp + " after " + last);
    }
    last = timestamp;
    if (tooFast) {
      return; // the first rule has decided; nothing later changes the verdict or its reason
    }
    while (!lastMinute.isEmpty() && timestamp - lastMinute.peekFirst() >= MINUTE_MS) {
      lastMinute.pollFirst();
    }
    lastMinute.addLast(timestamp);
    if (lastMinute.size() > maxEventsPerMinute) {
      tooFast = true;
      lastMinute.clear();
      return;
    }
    if (view) {
      if (sawView && timestamp - lastView < QUICK_MS) {
        quickViews++;
      }
      sawView = true;
      lastView = timestamp;
    }
  }

  /** Why the events added so far are a bot's, or null when they are not. */
  public String reason() {
    if (tooFast) {
      return "more than " + maxEventsPerMinute + " events in a minute";
    }
    return quickViews > maxQuickViews ? quickViews + " views less than a second after the previous one (more than "
        + maxQuickViews + ")" : null;
  }

  /** Forgets the user, for the next one. */
  public void reset() {
    lastMinute.clear();
    tooFast = false;
    quickViews = 0;
    sawView = false;
    last = Long.MIN_VALUE;
  }
}
