package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A key distribution of this run beside the previous run's, and how far it moved.
 *
 * @param name what is distributed, e.g. {@code event_type}, {@code hour_of_day}, {@code price_band}
 * @param current this run's counts, by bucket
 * @param previous the previous run's counts, empty where there was none
 * @param psi population stability index of {@code current} against {@code previous}, or null without a previous run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Distribution(String name, List<Count> current, List<Count> previous, Double psi) {
}
