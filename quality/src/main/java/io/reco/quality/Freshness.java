package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How recent the data is.
 *
 * @param newestLanded when the newest committed raw file of the source was written (ISO-8601), or null for none
 * @param newestEvent the latest event time read by the run (ISO-8601), or null for none
 * @param hoursSinceLanded hours from {@code newestLanded} to the run's clock
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Freshness(String newestLanded, String newestEvent, double hoursSinceLanded) {
}
