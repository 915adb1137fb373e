package io.reco.commands;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The options {@code --from} and {@code --to} of a command over a range of days, both included. */
public final class DateRange {
  @Option(names = "--from", required = true, description = "First day, YYYY-MM-DD.")
  private LocalDate from;
  @Option(names = "--to", required = true, description = "Last day, YYYY-MM-DD.")
  private LocalDate to;

  /** The first day. */
  public LocalDate from() {
    return from;
  }

  /** The last day; never before the first. */
  public LocalDate to() {
    if (to.isBefore(from)) {
      throw new UsageException("--to " + to + " is before --from " + from);
    }
    return to;
  }
}
