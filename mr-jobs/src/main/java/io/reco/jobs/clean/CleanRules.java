package io.reco.jobs.clean;

/**
 * The thresholds of one clean-up run; each rule keeps state bounded by them, never by the length of a history.
 *
 * @param maxEventsPerMinute events in any 60 s above which a user is a bot
 * @param maxQuickViews views less than a second after the previous view above which a user is a bot
 * @param duplicateWindowMs how close a repeat must be to count as a near duplicate
 */
public record CleanRules(int maxEventsPerMinute, int maxQuickViews, long duplicateWindowMs) {
  /** The thresholds; the error says which is out of range. */
  public CleanRules {
    if (maxEventsPerMinute < 1 || maxQuickViews < 0 || duplicateWindowMs < 0) {
      throw new IllegalArgumentException("max events per minute must be 1 or more, max quick views and the "
          + "duplicate window 0 or more; were " + maxEventsPerMinute + ", " + maxQuickViews + ", "
          + duplicateWindowMs);
    }
  }

  /** A detector of bots by these thresholds. */
  public BotDetector botDetector() {
    return new BotDetector(maxEventsPerMinute, maxQuickViews);
  }

  /** A finder of near duplicates within this window. */
  public NearDuplicates nearDuplicates() {
    return new NearDuplicates(duplicateWindowMs);
  }
}
