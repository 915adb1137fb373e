package io.reco.schema;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the registry knows of one model version.
 *
 * @param version the version id, also the qualifier of its cells in the model tables
 * @param status one of {@link ModelRegistry#BUILDING}, {@link ModelRegistry#CANDIDATE},
 *     {@link ModelRegistry#PUBLISHED} and {@link ModelRegistry#RETIRED}
 * @param createdAt when the version was registered
 * @param stats figures the pipeline recorded (events read, items, pairs...)
 * @param lineage where the version came from, when the run recorded it
 * @param active whether it is the version served now
 */
public record ModelInfo(String version, String status, Instant createdAt, Map<String, String> stats,
    Optional<Lineage> lineage, boolean active) {

  /** A version without lineage that is not the active one. */
  public ModelInfo(String version, String status, Instant createdAt, Map<String, String> stats) {
    this(version, status, createdAt, stats, Optional.empty(), false);
  }

  /** The figure {@code metric} of its lineage, if recorded. */
  public Optional<Double> metric(String metric) {
    return lineage.map(l -> l.metrics().get(metric));
  }
}
