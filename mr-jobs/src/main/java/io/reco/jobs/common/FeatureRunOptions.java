package io.reco.jobs.common;

import java.time.Instant;
import java.util.List;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Option;

/**
 * The options of a job that computes gold from silver: the events, the silver master snapshots, the previous run
 * it continues, its output and time.
 */
public final class FeatureRunOptions {
  @Option(names = "--input", required = true, split = ",", description = "Silver clickstream events (Avro): "
      + "a bronze-to-silver run's silver/clickstream, or some of its dt= partitions. Repeatable.")
  private List<Path> input;
  @Option(names = "--masters", description = "The silver directory of the catalog, customers and product metadata "
      + "snapshots (a bronze-to-silver run's silver/); default: none joined.")
  private Path masters;
  @Option(names = "--previous", description = "The gold directory of the run this one continues: its state is "
      + "merged with the new events instead of reading history again; default: start from nothing.")
  private Path previous;
  @Option(names = "--output", required = true, description = "The run's gold directory.")
  private Path output;
  @Option(names = "--as-of", description = "The time the features are computed as of (ISO-8601, UTC): events "
      + "at or after it are left for the next run; default: now.")
  private Instant asOf;

  /** What the run reads. */
  public FeatureInputs inputs() {
    return new FeatureInputs(input, masters, previous);
  }

  /** The gold directory. */
  public Path output() {
    return output;
  }

  /** The time the features are computed as of. */
  public Instant asOf() {
    return asOf == null ? Instant.now() : asOf;
  }
}
