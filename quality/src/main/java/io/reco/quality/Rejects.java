package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The records of one source rejected for one reason, by field, with a few examples.
 *
 * @param source the source
 * @param reason the reason code written in the quarantine ({@code io.reco.records.RejectReason})
 * @param count records rejected
 * @param byField the same count split by the field at fault ({@code -} for the record as a whole)
 * @param examples up to a few of them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rejects(String source, String reason, long count, List<Count> byField, List<RejectExample> examples) {
  /** Reasons that are range violations: a value of the right type outside what is allowed. */
  @JsonIgnore
  public boolean isRangeViolation() {
    return reason.equals("INVALID_VALUE") || reason.equals("INVALID_TIMESTAMP") || reason.equals("UNKNOWN_EVENT_TYPE");
  }

  /** Reasons that are referential violations: an id that refers to nothing. */
  @JsonIgnore
  public boolean isReferentialViolation() {
    return reason.equals("UNKNOWN_REFERENCE");
  }
}
