package io.reco.jobs.validate;

/** What the validation job counted; lines read = events valid + lines quarantined. */
public enum ValidateCounters {
  /** Lines read from committed raw files. */
  LINES_READ,
  /** Events that met the schema and the rules, written to silver. */
  EVENTS_VALID,
  /** Lines that failed parsing or a rule, written to the quarantine. */
  LINES_QUARANTINED
}
