package io.reco.jobs.similarity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * A Mahout id with a tag: {@link #NAME} sorts before {@link #EDGE}, so a reducer grouped on the id alone sees the
 * item id the hash stands for before the edges that need it, without buffering them. Values repeat the tag as
 * their first character ({@link #NAME_VALUE}, {@link #EDGE_VALUE}), so a reducer reads it from the value.
 */
public final class TaggedId implements WritableComparable<TaggedId> {
  /** The record carries the string id. */
  public static final byte NAME = 0;
  /** The record carries a neighbour edge. */
  public static final byte EDGE = 1;
  /** First character of a value carrying a string id. */
  public static final char NAME_VALUE = 'N';
  /** First character of a value carrying an edge. */
  public static final char EDGE_VALUE = 'E';

  private long id;
  private byte tag;

  /** An empty key, for Hadoop. */
  public TaggedId() {
  }

  /** Replaces the key. */
  public TaggedId set(long id, byte tag) {
    this.id = id;
    this.tag = tag;
    return this;
  }

  public long id() {
    return id;
  }

  public byte tag() {
    return tag;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(id);
    out.writeByte(tag);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    id = in.readLong();
    tag = in.readByte();
  }

  @Override
  public int compareTo(TaggedId o) {
    int c = Long.compare(id, o.id);
    return c != 0 ? c : Byte.compare(tag, o.tag);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaggedId t && t.id == id && t.tag == tag;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id);
  }

  @Override
  public String toString() {
    return id + "/" + tag;
  }

  /** Sends every tag of an id to the same reducer. */
  public static final class IdPartitioner<V> extends Partitioner<TaggedId, V> {
    @Override
    public int getPartition(TaggedId key, V value, int partitions) {
      return (Long.hashCode(key.id) & Integer.MAX_VALUE) % partitions;
    }
  }

  /** Groups on the id alone. */
  public static final class IdGrouping extends WritableComparator {
    /** For Hadoop. */
    public IdGrouping() {
      super(TaggedId.class, true);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return Long.compare(((TaggedId) a).id, ((TaggedId) b).id);
    }
  }
}
