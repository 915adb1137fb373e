package io.reco.jobs.indicators;

/** What the blend wrote. */
public enum IndicatorCounters {
  /** Items with at least one blended neighbour. */
  BLENDED_ITEMS
}
