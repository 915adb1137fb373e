package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One check of a run against its thresholds.
 *
 * @param name what is checked, e.g. {@code volume}, {@code freshness}, {@code drift:event_type} ({@link CheckName})
 * @param status the outcome
 * @param value the measured value, in the unit the message names
 * @param warnAt the threshold past which the check warns, or null where it never warns
 * @param failAt the threshold past which it fails, or null where it never fails
 * @param message one sentence a person can act on
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Check(String name, Status status, double value, Double warnAt, Double failAt, String message) {
}
