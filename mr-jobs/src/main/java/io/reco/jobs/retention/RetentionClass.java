package io.reco.jobs.retention;

/**
 * The kinds of data the retention policy knows, each with its age limit's setting (days, declared in
 * {@code reco-default.xml}). Where each lives is {@link RetentionScan}'s business.
 */
public enum RetentionClass {
  /** The raw zone's interactions and what landed with them: clickstream, transactions, change journal, pulls. */
  RAW("raw", "reco.retention.raw-days"),
  /** A pipeline run's directory: silver, gold features, the model's outputs, the report. */
  FEATURES("features", "reco.retention.features-days"),
  /** A run's training examples. */
  TRAINING("training", "reco.retention.training-days"),
  /** The service's impressions, set apart in a run's silver. */
  SERVING_LOGS("serving-logs", "reco.retention.serving-logs-days"),
  /** Rejected records: the raw zone's quarantine and what a run set apart. */
  QUARANTINE("quarantine", "reco.retention.quarantine-days");

  private final String label;
  private final String setting;

  RetentionClass(String label, String setting) {
    this.label = label;
    this.setting = setting;
  }

  /** The name listings use. */
  public String label() {
    return label;
  }

  /** The {@code reco.retention.*} key of its limit in days. */
  public String setting() {
    return setting;
  }
}
