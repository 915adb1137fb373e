package io.reco.schema;

import java.time.Instant;
import java.util.Map;

/**
 * What the registry knows of one model version.
 *
 * @param version the version id, also the qualifier of its cells in the model tables
 * @param status {@link ModelRegistry#BUILDING} or {@link ModelRegistry#PUBLISHED}
 * @param createdAt when the version was registered
 * @param stats figures the pipeline recorded (events read, items, pairs...)
 */
public record ModelInfo(String version, String status, Instant createdAt, Map<String, String> stats) {
}
