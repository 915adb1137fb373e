package io.reco.jobs.common;

import java.time.Instant;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Option;

/** The options of a job that computes features from a run's silver clickstream: its input, output and time. */
public final class FeatureRunOptions {
  @Option(names = "--input", required = true, description = "Silver clickstream of a bronze-to-silver run (Avro).")
  private Path input;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;
  @Option(names = "--as-of", description = "The time the features are computed as of (ISO-8601, UTC); "
      + "default: now.")
  private Instant asOf;

  /** The silver clickstream. */
  public Path input() {
    return input;
  }

  /** The output directory. */
  public Path output() {
    return output;
  }

  /** The time the features are computed as of. */
  public Instant asOf() {
    return asOf == null ? Instant.now() : asOf;
  }
}
