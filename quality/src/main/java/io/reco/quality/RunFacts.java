package io.reco.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the jobs of one bronze-to-silver run counted and found, gathered by the run for {@link QualityAssessment} to
 * judge.
 *
 * @param runId the run's name
 * @param now the run's clock
 * @param from first date of the range
 * @param to last date of the range
 * @param stages every job and how it reconciles, in run order
 * @param sources volumes by source
 * @param clickstream the validated clickstream and its merged profile
 * @param orders the transactions and their merged profile, or null where the range held none
 * @param rejects rejected records by source and reason, with examples
 * @param references per reference checked: the event field and what it found; a missing snapshot is a reference
 *     with {@code checked == false}
 * @param daysWithData days of the range with at least one committed hour partition
 * @param hourPartitions hour partitions found in the range
 * @param newestLanded when the newest committed clickstream file was written, or null for none
 * @param files every raw file of the range and what became of it, in any order
 */
public record RunFacts(String runId, Instant now, LocalDate from, LocalDate to, List<Stage> stages,
    List<SourceVolume> sources, SourceFacts clickstream, SourceFacts orders, List<Rejects> rejects,
    List<ReferenceCheck> references, int daysWithData, int hourPartitions, Instant newestLanded,
    List<RawFile> files) {
  /** The clickstream distribution whose buckets are the report's valid events by type. */
  public static final String EVENT_TYPES = "event_type";

  /**
   * One profiled source.
   *
   * @param source its name in the report, e.g. {@code clickstream}
   * @param fields the fields whose null rates the report lists, in the order it lists them
   * @param distributions the distributions watched for drift, in the order the report shows them
   * @param profile what the jobs counted of it
   */
  public record SourceFacts(String source, List<String> fields, List<String> distributions, SourceProfile profile) {
    /** The records its profile rejected, one entry per reason, split by field, with the profile's examples. */
    public List<Rejects> rejects() {
      List<Rejects> out = new ArrayList<>();
      profile.rejects().forEach((reason, byField) -> out.add(new Rejects(source, reason,
          byField.values().stream().mapToLong(Long::longValue).sum(), QualityAssessment.counts(byField),
          profile.examples().getOrDefault(reason, List.of()))));
      return out;
    }
  }

  /**
   * The outcome of one reference join.
   *
   * @param field the event field that refers: {@code product_id}, {@code user_id}
   * @param entity the master entity: {@code catalog}, {@code customers}
   * @param checked false where the raw zone holds no snapshot of the entity
   * @param read events joined
   * @param unknown events whose id the snapshot lacks, quarantined
   * @param kept events whose id the snapshot lacks, kept in silver as guests
   */
  public record ReferenceCheck(String field, String entity, boolean checked, long read, long unknown, long kept) {
  }

  /** Days from {@code from} to {@code to}, both included. */
  public long daysInRange() {
    return to.toEpochDay() - from.toEpochDay() + 1;
  }
}
