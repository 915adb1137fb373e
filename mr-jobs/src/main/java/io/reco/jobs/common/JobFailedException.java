package io.reco.jobs.common;

/** A job that ran but whose result must not be used: a failed task, a crossed quality threshold, no output. */
public final class JobFailedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** A failure explained in one line. */
  public JobFailedException(String message) {
    super(message);
  }
}
