package io.reco.jobs.ease;

/** What the EASE job saw. */
public enum EaseCounters {
  /** Users whose items went into the Gram matrix. */
  USERS,
  /** Items modelled: the most used, up to the limit. */
  ITEMS_MODELLED,
  /** Items left out by the limit. */
  ITEMS_LEFT_OUT,
  /** Items written with at least one neighbour. */
  ITEMS_WITH_NEIGHBOURS
}
