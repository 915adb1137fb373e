package io.reco.jobs.validate;

/** What the validation job counted; lines read = events clean + lines quarantined + duplicates. */
public enum ValidateCounters {
  /** Lines read from committed raw files. */
  LINES_READ,
  /** Events written to silver. */
  EVENTS_CLEAN,
  /** Lines that failed parsing or a rule, written to the quarantine. */
  LINES_QUARANTINED,
  /** Events whose event_id was already taken by another, written to the duplicates output. */
  DUPLICATES
}
