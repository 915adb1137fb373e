package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How much one source delivered for the run and how much of it reached silver.
 *
 * @param source {@code clickstream}, {@code orders}, {@code order_items}, {@code catalog}, {@code customers}
 * @param read records read
 * @param clean records that reached silver (or the snapshot)
 * @param rejected records quarantined
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceVolume(String source, long read, long clean, long rejected) {
}
