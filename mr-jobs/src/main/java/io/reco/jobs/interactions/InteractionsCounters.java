package io.reco.jobs.interactions;

/** Counts of the interactions job. */
public enum InteractionsCounters {
  /** Silver events read and aggregated. */
  EVENTS_READ,
  /** Distinct (user, item) pairs written. */
  PAIRS
}
