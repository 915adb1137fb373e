package io.reco.jobs.validate;

/**
 * What the validation job counted; lines read = events valid + impressions + lines quarantined + lines in rejected
 * files. Files
 * quarantined whole are also counted by {@link io.reco.records.raw.FileProblem}.
 */
public enum ValidateCounters {
  /** Lines read from committed raw files, those of rejected files included. */
  LINES_READ,
  /** Events that met the schema and the rules, written to silver. */
  EVENTS_VALID,
  /** The service's impressions (valid events of type impression), written apart from the events. */
  IMPRESSIONS,
  /** Lines that failed parsing or a rule, written to the quarantine. */
  LINES_QUARANTINED,
  /** Files quarantined whole: they disagree with their manifests or cannot be read. */
  FILES_REJECTED,
  /** Lines of the files quarantined whole. */
  LINES_IN_REJECTED_FILES
}
