package io.reco.jobs.cross;

/** What the cross-occurrence job saw. */
public enum CrossCounters {
  /** Users read. */
  USERS,
  /** Users with more items than the sampling limit, sampled down. */
  USERS_SAMPLED,
  /** Items written with at least one neighbour. */
  ITEMS_WITH_NEIGHBOURS
}
