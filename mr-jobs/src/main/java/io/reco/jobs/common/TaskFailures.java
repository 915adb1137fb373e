package io.reco.jobs.common;

import java.util.Optional;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;

/**
 * Keeps the error that failed a task on LocalJobRunner while a job runs: the runner logs it and leaves the job's
 * failure info "NA", so without this a failed run could only say that it failed. Where log4j 1 is not the logging
 * backend, keeps nothing.
 */
final class TaskFailures implements AutoCloseable {
  private static final String RUNNER = "org.apache.hadoop.mapred.LocalJobRunner";
  private static final int MAX_MESSAGE = 400;

  private final Capture capture;
  /** The runner's level before, where it was set above WARN: restored after, with its additivity. */
  private final Level quieter;

  private TaskFailures(Capture capture, Level quieter) {
    this.capture = capture;
    this.quieter = quieter;
  }

  /**
   * Starts keeping the errors LocalJobRunner logs. Where its logs are configured quieter than WARN, they reach only
   * this while it watches, so nothing new is printed.
   */
  static TaskFailures watch() {
    try {
      Logger runner = Logger.getLogger(RUNNER);
      Level quieter = null;
      if (!runner.isEnabledFor(Level.WARN)) {
        quieter = runner.getLevel() == null ? Level.OFF : runner.getLevel();
        runner.setLevel(Level.WARN);
        runner.setAdditivity(false);
      }
      Capture capture = new Capture();
      runner.addAppender(capture);
      return new TaskFailures(capture, quieter);
    } catch (LinkageError noLog4j) {
      return new TaskFailures(null, null);
    }
  }

  /** The first error logged, as one line: the innermost cause's type and message. */
  Optional<String> first() {
    if (capture == null || capture.first == null) {
      return Optional.empty();
    }
    Throwable root = capture.first;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
    String line = root.getClass().getSimpleName() + message;
    return Optional.of(line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line);
  }

  @Override
  public void close() {
    if (capture != null) {
      Logger runner = Logger.getLogger(RUNNER);
      runner.removeAppender(capture);
      if (quieter != null) {
        runner.setLevel(quieter == Level.OFF ? null : quieter);
        runner.setAdditivity(true);
      }
    }
  }

  /** The appender that keeps the first throwable logged at WARN or above. */
  private static final class Capture extends AppenderSkeleton {
    private volatile Throwable first;

    @Override
    protected void append(LoggingEvent event) {
      if (first == null && event.getLevel().isGreaterOrEqual(Level.WARN) && event.getThrowableInformation() != null) {
        first = event.getThrowableInformation().getThrowable();
      }
    }

    @Override
    public void close() {
      // nothing held
    }

    @Override
    public boolean requiresLayout() {
      return false;
    }
  }
}
