package io.reco.quality;

import java.util.List;
import java.util.Map;

/**
 * What the jobs counted of one source, as the assessment reads it: records read, missing values, rejects with
 * examples, bucketed distributions and records by date. The jobs' per-task profile implements it, so the report
 * judges a profile without knowing how it was counted.
 */
public interface SourceProfile {
  /** Records read, good or bad. */
  long records();

  /** Records without a value, by field. */
  Map<String, Long> nulls();

  /** Rejected records by reason, then by field ({@code -} for the record as a whole). */
  Map<String, ? extends Map<String, Long>> rejects();

  /** A few rejected records by reason. */
  Map<String, List<RejectExample>> examples();

  /** Bucket counts of good records, by distribution. */
  Map<String, ? extends Map<String, Long>> distributions();

  /** Good records by UTC date, {@code YYYY-MM-DD}. */
  Map<String, Long> days();

  /** The latest good record's time, epoch ms; {@code Long.MIN_VALUE} for none. */
  long maxTime();
}
