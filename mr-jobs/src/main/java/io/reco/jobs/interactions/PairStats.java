package io.reco.jobs.interactions;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/** What the events of one user on one item add up to: strongest weight, latest time, number of events. */
public final class PairStats implements Writable {
  private int weight;
  private long lastTimestamp;
  private long events;

  /** An empty value, for Hadoop. */
  public PairStats() {
  }

  /** A value for one or more events. */
  public PairStats(int weight, long lastTimestamp, long events) {
    set(weight, lastTimestamp, events);
  }

  /** Replaces the value. */
  public void set(int weight, long lastTimestamp, long events) {
    this.weight = weight;
    this.lastTimestamp = lastTimestamp;
    this.events = events;
  }

  /** Replaces this value with the merge of {@code values}. */
  public void mergeAll(Iterable<PairStats> values) {
    set(0, Long.MIN_VALUE, 0);
    for (PairStats value : values) {
      merge(value);
    }
  }

  /** Folds another value into this one. */
  public void merge(PairStats other) {
    weight = Math.max(weight, other.weight);
    lastTimestamp = Math.max(lastTimestamp, other.lastTimestamp);
    events += other.events;
  }

  public int weight() {
    return weight;
  }

  public long lastTimestamp() {
    return lastTimestamp;
  }

  public long events() {
    return events;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeVInt(out, weight);
    WritableUtils.writeVLong(out, lastTimestamp);
    WritableUtils.writeVLong(out, events);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    weight = WritableUtils.readVInt(in);
    lastTimestamp = WritableUtils.readVLong(in);
    events = WritableUtils.readVLong(in);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PairStats p && p.weight == weight && p.lastTimestamp == lastTimestamp && p.events == events;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(lastTimestamp) * 31 + weight * 17 + Long.hashCode(events);
  }

  @Override
  public String toString() {
    return "PairStats{weight=" + weight + ", last=" + lastTimestamp + ", events=" + events + "}";
  }
}
