package io.reco.jobs.popularity;

/**
 * How far an item's recent interactions run above its own usual rate: its weighted interactions in the window
 * before the as-of time against what its rate over the baseline before that predicts for a window, both smoothed by
 * {@code a}: {@code (recent + a) / (baseline / baselineHours * windowHours + a)}. The smoothing keeps one view of a
 * dead item (2 against 0: 1.4 with a = 5) below an item bought by many (score near the rise of its rate), and an item
 * that only holds its usual rate scores about 1.
 *
 * @param asOf the end of the window, UTC epoch milliseconds (exclusive)
 * @param windowHours the recent window's length
 * @param baselineHours the baseline's length, ending where the window starts
 * @param smoothing the pseudo-count {@code a} added to both sides, above 0
 */
public record TrendingScore(long asOf, int windowHours, int baselineHours, double smoothing) {
  private static final long HOUR = 3_600_000L;

  /** Where an event's time falls. */
  public enum Period {
    /** In the window: the last {@code windowHours} before the as-of time. */
    RECENT,
    /** In the baseline before the window. */
    BASELINE,
    /** Before the baseline. */
    OLDER,
    /** At or after the as-of time. */
    LATER
  }

  /** Checks the lengths and the smoothing. */
  public TrendingScore {
    if (windowHours < 1 || baselineHours < 1) {
      throw new IllegalArgumentException("the window and the baseline last at least an hour, were " + windowHours
          + " h and " + baselineHours + " h");
    }
    if (!(smoothing > 0)) {
      throw new IllegalArgumentException("the smoothing must be above 0, was " + smoothing);
    }
  }

  /** The period an event at {@code time} (epoch ms) falls in. */
  public Period periodOf(long time) {
    long recentStart = asOf - windowHours * HOUR;
    if (time >= asOf) {
      return Period.LATER;
    }
    if (time >= recentStart) {
      return Period.RECENT;
    }
    return time >= recentStart - baselineHours * HOUR ? Period.BASELINE : Period.OLDER;
  }

  /** The score of an item with {@code recent} weighted interactions in the window and {@code baseline} before. */
  public double score(long recent, long baseline) {
    double expected = (double) baseline / baselineHours * windowHours;
    return (recent + smoothing) / (expected + smoothing);
  }
}
