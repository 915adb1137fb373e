package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A named count: one bar of a chart, one row of a table. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Count(String name, long count) {
}
