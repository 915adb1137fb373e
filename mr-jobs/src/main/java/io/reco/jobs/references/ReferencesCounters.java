package io.reco.jobs.references;

/** What the join counted; events read = clean + unknown + inactive + erased. */
public enum ReferencesCounters {
  /** Master rows (catalog or customers) read from a snapshot file that matched its manifest. */
  MASTER_ROWS,
  /** Snapshot files that disagreed with their manifests: the join's output cannot be used. */
  MASTER_FILES_REJECTED,
  /** Events read. */
  EVENTS_READ,
  /** Events written to silver: their reference exists and is active, or they are guests kept. */
  EVENTS_CLEAN,
  /** Events of users the customers snapshot lacks, kept in silver as guests (counted in EVENTS_CLEAN too). */
  UNKNOWN_KEPT,
  /** Events that refer to an id the snapshot does not have, quarantined. */
  UNKNOWN,
  /** Events of customers the snapshot names erased: dropped. */
  ERASED,
  /** Events of inactive master rows (products): kept in their own output, out of training data. */
  INACTIVE
}
