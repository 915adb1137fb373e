package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What one bronze-to-silver run saw and how it judged it. Written as {@code report.json} (read back by the next
 * run for drift and trailing volumes), {@code report.html} and {@code report.pdf}.
 *
 * @param runId the run's name, e.g. {@code validate-20261201-120000}
 * @param generatedAt the run's clock, ISO-8601 UTC
 * @param from first date of the range, {@code YYYY-MM-DD}
 * @param to last date of the range
 * @param sources volumes by source
 * @param stages every job of the run and how its counts reconcile, in run order
 * @param eventTypes events that met the schema and value rules (before de-duplication), by event type
 * @param days events read by event date
 * @param nullRates null rate per field and source
 * @param rejects rejected records by source and reason, with examples
 * @param freshness how recent the data is
 * @param distributions key distributions against the previous run
 * @param checks every check, in the order they were made
 * @param files every raw file of the range and what became of it; empty in a report written before files were
 *     listed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"runId", "generatedAt", "from", "to", "status"})
public record QualityReport(String runId, String generatedAt, String from, String to, List<SourceVolume> sources,
    List<Stage> stages, List<Count> eventTypes, List<Count> days, List<FieldNullRate> nullRates,
    List<Rejects> rejects, Freshness freshness, List<Distribution> distributions, List<Check> checks,
    List<RawFile> files) {
  /** A report read from JSON without {@code files} (an older run's) lists none. */
  public QualityReport {
    files = files == null ? List.of() : files;
  }

  /** The worst status of any check; {@link Status#PASS} for none. Written to JSON for machines, ignored on read. */
  @JsonProperty(value = "status", access = JsonProperty.Access.READ_ONLY)
  public Status status() {
    return checks.stream().map(Check::status).reduce(Status.PASS, Status::worst);
  }

  /** The checks that failed. */
  public List<Check> failed() {
    return checks.stream().filter(c -> c.status() == Status.FAIL).toList();
  }
}
