package io.reco.jobs.interactions;

import io.reco.records.RejectReason;

/** Counts of the interactions job. Lines read = events used + lines quarantined. */
public enum InteractionsCounters {
  /** Input lines read, blank ones included. */
  LINES_READ,
  /** Valid events aggregated. */
  EVENTS_USED,
  /** Lines written to the quarantine (the reasons are counted under {@code RejectReason}). */
  LINES_QUARANTINED,
  /** Distinct (user, item) pairs written. */
  PAIRS
}
