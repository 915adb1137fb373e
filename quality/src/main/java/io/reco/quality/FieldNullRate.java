package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How often a field was absent, null or empty among the records of a source.
 *
 * @param source the source
 * @param field the field, as the Avro schema names it
 * @param nulls records without a value
 * @param total records looked at
 * @param maxRate the configured threshold (fail above it), or null where none is configured
 * @param status the outcome against {@code maxRate}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FieldNullRate(String source, String field, long nulls, long total, Double maxRate, Status status) {
  /** {@code nulls / total}, 0 for no records. Written to JSON for machines, ignored on read. */
  @JsonProperty(value = "rate", access = JsonProperty.Access.READ_ONLY)
  public double rate() {
    return total == 0 ? 0 : (double) nulls / total;
  }
}
