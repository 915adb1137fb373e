package io.reco.jobs.common;

import io.reco.records.RejectReason;
import java.util.Arrays;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;

/**
 * Rejects of one input file by reason, held like the file's outputs until its verdict: added to the job's counters
 * when the file is released, forgotten when it is quarantined whole.
 */
public final class ReasonCounts {
  private static final RejectReason[] REASONS = RejectReason.values();
  private final long[] counts = new long[REASONS.length];

  /** Counts one reject. */
  public void add(RejectReason reason) {
    counts[reason.ordinal()]++;
  }

  /** Adds the counts to the task's counters and starts anew. */
  public void addTo(TaskInputOutputContext<?, ?, ?, ?> context) {
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        context.getCounter(REASONS[i]).increment(counts[i]);
      }
    }
    clear();
  }

  /** Forgets the counts. */
  public void clear() {
    Arrays.fill(counts, 0);
  }
}
