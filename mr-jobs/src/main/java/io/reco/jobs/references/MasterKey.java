package io.reco.jobs.references;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * A referenced id with a tag: the master row ({@link #MASTER}) sorts before the events that refer to it
 * ({@link #EVENT}), so a reducer grouped on the id alone knows whether the id exists before the first event, without
 * holding the events of a popular product or a busy user in memory.
 */
public final class MasterKey implements WritableComparable<MasterKey> {
  /** The record is the master row of the id. */
  public static final byte MASTER = 0;
  /** The record is an event that refers to the id. */
  public static final byte EVENT = 1;

  private final Text id = new Text();
  private byte tag;

  /** Replaces the key. */
  public MasterKey set(String id, byte tag) {
    this.id.set(id);
    this.tag = tag;
    return this;
  }

  /** The referenced id. */
  public Text id() {
    return id;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    id.write(out);
    out.writeByte(tag);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    id.readFields(in);
    tag = in.readByte();
  }

  @Override
  public int compareTo(MasterKey o) {
    int c = id.compareTo(o.id);
    return c != 0 ? c : Byte.compare(tag, o.tag);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MasterKey k && k.tag == tag && k.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id + (tag == MASTER ? "/master" : "/event");
  }

  /** Sends every record of an id to the same reducer, whatever its tag. */
  public static final class ById extends Partitioner<MasterKey, Text> {
    @Override
    public int getPartition(MasterKey key, Text value, int partitions) {
      return (key.id.hashCode() & Integer.MAX_VALUE) % partitions;
    }
  }

  /** Groups the master row and the events of an id into one reduce call. */
  public static final class SameId extends WritableComparator {
    /** For Hadoop. */
    public SameId() {
      super(MasterKey.class, true);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return ((MasterKey) a).id.compareTo(((MasterKey) b).id);
    }
  }
}
