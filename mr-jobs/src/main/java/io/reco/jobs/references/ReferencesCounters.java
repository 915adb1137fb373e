package io.reco.jobs.references;

/** What the join counted; events read = clean + unknown + inactive. */
public enum ReferencesCounters {
  /** Master rows (catalog or customers) read. */
  MASTER_ROWS,
  /** Events read. */
  EVENTS_READ,
  /** Events whose reference exists and is active, written to silver. */
  EVENTS_CLEAN,
  /** Events that refer to an id the snapshot does not have, quarantined. */
  UNKNOWN,
  /** Events of inactive master rows (products): kept in their own output, out of training data. */
  INACTIVE
}
