package io.reco.serving;

/** A request that cannot be answered, with the HTTP status and the message the client sees. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** A failure with {@code status} and a message safe to show the client. */
  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }
}
