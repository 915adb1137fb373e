package io.reco.jobs.common;

import io.reco.commands.DateRange;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a job over the clickstream's hour partitions of a date range: {@code --input --from --to}. */
public final class HourRange {
  @Option(names = "--input", required = true, description = "The clickstream directory of the raw zone.")
  private Path input;
  @Mixin
  private DateRange days;

  /** The hour directories the options name; the error says when there are none. */
  public List<Path> hours(Configuration conf) throws IOException {
    return RawPartitions.between(input.getFileSystem(conf), input, days.from(), days.to());
  }

  /** The clickstream directory. */
  public Path input() {
    return input;
  }

  /** The first day. */
  public LocalDate from() {
    return days.from();
  }

  /** The last day. */
  public LocalDate to() {
    return days.to();
  }
}
