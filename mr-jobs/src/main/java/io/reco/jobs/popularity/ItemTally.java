package io.reco.jobs.popularity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/**
 * What the popularity job sums per item, from either input: the users' strongest weights (popularity) from the
 * interactions pairs, and the weighted silver events of the trending window and of its baseline. Sums of several
 * are the same kind of value, so a combiner adds them up.
 */
public final class ItemTally implements Writable {
  private long popularity;
  private long recent;
  private long recentEvents;
  private long baseline;

  /** Sets every field. */
  public ItemTally set(long popularity, long recent, long recentEvents, long baseline) {
    this.popularity = popularity;
    this.recent = recent;
    this.recentEvents = recentEvents;
    this.baseline = baseline;
    return this;
  }

  /** Adds {@code other} to this. */
  public void add(ItemTally other) {
    popularity += other.popularity;
    recent += other.recent;
    recentEvents += other.recentEvents;
    baseline += other.baseline;
  }

  /** The summed strongest weights of the users who touched the item. */
  public long popularity() {
    return popularity;
  }

  /** The weighted events in the trending window. */
  public long recent() {
    return recent;
  }

  /** The events in the trending window, unweighted. */
  public long recentEvents() {
    return recentEvents;
  }

  /** The weighted events in the baseline before the window. */
  public long baseline() {
    return baseline;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeVLong(out, popularity);
    WritableUtils.writeVLong(out, recent);
    WritableUtils.writeVLong(out, recentEvents);
    WritableUtils.writeVLong(out, baseline);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    popularity = WritableUtils.readVLong(in);
    recent = WritableUtils.readVLong(in);
    recentEvents = WritableUtils.readVLong(in);
    baseline = WritableUtils.readVLong(in);
  }
}
