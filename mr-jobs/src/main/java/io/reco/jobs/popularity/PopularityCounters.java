package io.reco.jobs.popularity;

/** What the popularity job saw: silver events read = recent + baseline + older + later. */
public enum PopularityCounters {
  /** Interactions pairs read. */
  PAIRS_READ,
  /** Silver events read for the trending lists. */
  EVENTS_READ,
  /** Events in the trending window. */
  RECENT_EVENTS,
  /** Events in the baseline before the window. */
  BASELINE_EVENTS,
  /** Events before the baseline, not used. */
  OLDER_EVENTS,
  /** Events at or after the as-of time, not used. */
  LATER_EVENTS,
  /** Items with interactions in the window, but fewer than {@code reco.trending.min-recent}. */
  ITEMS_BELOW_MIN_RECENT,
  /** Popularity lists written: the global one and one per category. */
  POPULAR_LISTS,
  /** Trending lists written: the global one and one per category. */
  TRENDING_LISTS
}
