package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One job of the run and how its records reconcile: {@code read == kept + sum(removed)}.
 *
 * @param name the job, e.g. {@code validate}, as {@link StageName} names it
 * @param source the data it read, e.g. {@code clickstream}
 * @param read records read
 * @param kept records passed on to the next stage (or to silver)
 * @param removed records taken out, by where they went, as {@link Removal} names it: {@code quarantined},
 *     {@code in rejected files}, {@code duplicates}, {@code bots}...
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Stage(String name, String source, long read, long kept, List<Count> removed) {
  /** Whether every record read is accounted for. Written to JSON for machines, ignored on read. */
  @JsonProperty(value = "reconciles", access = JsonProperty.Access.READ_ONLY)
  public boolean reconciles() {
    return read == kept + removed.stream().mapToLong(Count::count).sum();
  }

  /** The records removed {@code how}, 0 where none were. */
  public long removed(Removal how) {
    return removed.stream().filter(how::counts).mapToLong(Count::count).sum();
  }
}
