package io.reco.ingest.common;

import java.util.concurrent.Callable;

/**
 * How reco's commands end: the exit code of the command, or one line on stderr and exit code 1 when it throws.
 * With {@code -Dreco.debug=true} the exception propagates with its stack trace instead.
 */
public final class CommandLine {
  private CommandLine() {
  }

  /** Runs {@code command} and returns the process exit code. */
  public static int exitCode(String name, Callable<Integer> command) {
    try {
      return command.call();
    } catch (Exception e) {
      if (Boolean.getBoolean("reco.debug")) {
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
      boolean expected = e instanceof IllegalArgumentException || e instanceof IllegalStateException;
      System.err.println(name + ": " + (expected ? "" : e.getClass().getSimpleName() + ": ") + e.getMessage());
      return 1;
    }
  }
}
