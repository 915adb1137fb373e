package io.reco.commands;

/** A command was called wrongly (an unknown option, a bad value, a missing argument): exit code 2. */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A usage error with the one line that explains it. */
  public UsageException(String message) {
    super(message);
  }
}
