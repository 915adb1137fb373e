package io.reco.commands;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * How every reco process ends: the command's own exit code; 2 and one line on stderr for a {@link UsageException};
 * 1 and one line for any other failure. With the environment variable {@code RECO_DEBUG} set, failures propagate
 * with their stack trace instead.
 */
public final class ExitCodes {
  /** A command called wrongly. */
  public static final int USAGE = 2;
  /** A command that failed. */
  public static final int FAILURE = 1;

  private ExitCodes() {
  }

  /** Runs {@code command} and returns the process exit code, reporting failures on {@code err}. */
  public static int of(String program, Callable<Integer> command, PrintStream err) {
    try {
      return command.call();
    } catch (UsageException e) {
      err.println(e.getMessage());
      return USAGE;
    } catch (Exception e) {
      if (debug()) {
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
      boolean expected = e instanceof IllegalArgumentException || e instanceof IllegalStateException;
      err.println(program + ": " + (expected ? "" : e.getClass().getSimpleName() + ": ") + e.getMessage());
      return FAILURE;
    }
  }

  /** Runs {@code command} and exits the JVM with its code: for {@code main} methods only. */
  public static void exit(String program, Callable<Integer> command) {
    System.exit(of(program, command, System.err));
  }

  private static boolean debug() {
    String flag = System.getenv("RECO_DEBUG");
    return flag != null && !flag.isBlank() && !flag.equals("0");
  }
}
