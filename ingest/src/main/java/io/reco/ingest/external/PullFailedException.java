package io.reco.ingest.external;

/** A pull that had to stop, explained in one line: which page, after how many attempts, and the last cause. */
public final class PullFailedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** A failure explained in one line. */
  public PullFailedException(String message) {
    super(message);
  }
}
