package io.reco.quality;

/** The outcome of a check, in rising order of severity; a run with any {@link #FAIL} exits non-zero. */
public enum Status {
  /** Within the configured thresholds. */
  PASS,
  /** Past the warning threshold: worth a look, the run goes on. */
  WARN,
  /** Past the failure threshold: the schedule stops before the data reaches a model. */
  FAIL;

  /** The more severe of the two. */
  public Status worst(Status other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
