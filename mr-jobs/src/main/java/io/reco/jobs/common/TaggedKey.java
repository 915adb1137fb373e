package io.reco.jobs.common;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * The key of a reduce-side join or a secondary sort: an id, a tag naming the kind of record, and an order within the
 * tag. Keys sort by id, tag, then order, but are partitioned ({@link ById}) and grouped ({@link SameId}) by the id
 * alone, so one reduce call sees every record of an id, the smallest tag first: a reducer reads the master row of an
 * id before the records that refer to it, in order, without holding them in memory. Ids and orders are compared as
 * unsigned bytes, on the serialized form: strings as UTF-8, numbers so that the bytes sort as the number does.
 */
public final class TaggedKey implements WritableComparable<TaggedKey> {
  static {
    WritableComparator.define(TaggedKey.class, new Comparator());
  }

  private byte[] id = new byte[32];
  private int idLength;
  private byte tag;
  private byte[] order = new byte[32];
  private int orderLength;

  /** Replaces the key with {@code id} (UTF-8) and {@code tag}, with no order. */
  public TaggedKey set(String id, byte tag) {
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    this.id = fit(this.id, utf8.length);
    System.arraycopy(utf8, 0, this.id, 0, utf8.length);
    idLength = utf8.length;
    return tagged(tag);
  }

  /** Replaces the key with {@code id}, sorting as a signed number, and {@code tag}, with no order. */
  public TaggedKey set(long id, byte tag) {
    this.id = fit(this.id, Long.BYTES);
    putLong(this.id, 0, id);
    idLength = Long.BYTES;
    return tagged(tag);
  }

  private TaggedKey tagged(byte tag) {
    this.tag = tag;
    orderLength = 0;
    return this;
  }

  /** Orders the key within its id and tag by {@code value}, after what it is already ordered by. */
  public TaggedKey thenBy(long value) {
    order = fit(order, orderLength + Long.BYTES);
    putLong(order, orderLength, value);
    orderLength += Long.BYTES;
    return this;
  }

  /**
   * Orders the key within its id and tag by {@code value} (UTF-8), after what it is already ordered by. A string
   * has no terminator: it is the last part of an order.
   */
  public TaggedKey thenBy(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    order = fit(order, orderLength + utf8.length);
    System.arraycopy(utf8, 0, order, orderLength, utf8.length);
    orderLength += utf8.length;
    return this;
  }

  /** The id set as a string. */
  public String idAsString() {
    return new String(id, 0, idLength, StandardCharsets.UTF_8);
  }

  /** The id set as a number. */
  public long idAsLong() {
    if (idLength != Long.BYTES) {
      throw new IllegalStateException("the id is " + idLength + " bytes, not a number");
    }
    return getLong(id, 0);
  }

  /** The kind of record. */
  public byte tag() {
    return tag;
  }

  /** Sets the map output key of {@code job} to this class, partitioned and grouped by the id alone. */
  public static void shuffle(Job job) {
    job.setMapOutputKeyClass(TaggedKey.class);
    job.setPartitionerClass(ById.class);
    job.setGroupingComparatorClass(SameId.class);
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeVInt(out, idLength);
    out.write(id, 0, idLength);
    out.writeByte(tag);
    WritableUtils.writeVInt(out, orderLength);
    out.write(order, 0, orderLength);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    idLength = WritableUtils.readVInt(in);
    id = fit(id, idLength);
    in.readFully(id, 0, idLength);
    tag = in.readByte();
    orderLength = WritableUtils.readVInt(in);
    order = fit(order, orderLength);
    in.readFully(order, 0, orderLength);
  }

  @Override
  public int compareTo(TaggedKey o) {
    int c = compareIds(o);
    if (c != 0) {
      return c;
    }
    c = Byte.compare(tag, o.tag);
    return c != 0 ? c : WritableComparator.compareBytes(order, 0, orderLength, o.order, 0, o.orderLength);
  }

  private int compareIds(TaggedKey o) {
    return WritableComparator.compareBytes(id, 0, idLength, o.id, 0, o.idLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaggedKey k && compareTo(k) == 0;
  }

  @Override
  public int hashCode() {
    return WritableComparator.hashBytes(id, idLength);
  }

  @Override
  public String toString() {
    return printable(id, idLength) + "/" + tag + (orderLength == 0 ? "" : "/" + printable(order, orderLength));
  }

  private static String printable(byte[] bytes, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xff;
      s.append(b >= ' ' && b < 0x7f && b != '\\' ? String.valueOf((char) b) : String.format("\\x%02x", b));
    }
    return s.toString();
  }

  private static byte[] fit(byte[] bytes, int length) {
    return bytes.length >= length ? bytes : Arrays.copyOf(bytes, Math.max(length, 2 * bytes.length));
  }

  /** Big-endian with the sign bit flipped: unsigned byte order is then signed number order. */
  private static void putLong(byte[] bytes, int at, long value) {
    long v = value ^ Long.MIN_VALUE;
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      bytes[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static long getLong(byte[] bytes, int at) {
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = v << 8 | (bytes[at + i] & 0xff);
    }
    return v ^ Long.MIN_VALUE;
  }

  /** Compares serialized keys without deserializing them: id, tag, order. */
  public static final class Comparator extends WritableComparator {
    /** For Hadoop. */
    public Comparator() {
      super(TaggedKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      int c = SameId.compareIds(b1, s1, b2, s2);
      if (c != 0) {
        return c;
      }
      int tag1 = s1 + WritableUtils.decodeVIntSize(b1[s1]) + idLength(b1, s1);
      int tag2 = s2 + WritableUtils.decodeVIntSize(b2[s2]) + idLength(b2, s2);
      c = Byte.compare(b1[tag1], b2[tag2]);
      if (c != 0) {
        return c;
      }
      int order1 = tag1 + 1 + WritableUtils.decodeVIntSize(b1[tag1 + 1]);
      int order2 = tag2 + 1 + WritableUtils.decodeVIntSize(b2[tag2 + 1]);
      return compareBytes(b1, order1, s1 + l1 - order1, b2, order2, s2 + l2 - order2);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return ((TaggedKey) a).compareTo((TaggedKey) b);
    }
  }

  private static int idLength(byte[] bytes, int start) {
    try {
      return WritableComparator.readVInt(bytes, start);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a serialized TaggedKey", e);
    }
  }

  /** Groups every record of an id into one reduce call, whatever its tag and order. */
  public static final class SameId extends WritableComparator {
    /** For Hadoop. */
    public SameId() {
      super(TaggedKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      return compareIds(b1, s1, b2, s2);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return ((TaggedKey) a).compareIds((TaggedKey) b);
    }

    static int compareIds(byte[] b1, int s1, byte[] b2, int s2) {
      return compareBytes(b1, s1 + WritableUtils.decodeVIntSize(b1[s1]), idLength(b1, s1),
          b2, s2 + WritableUtils.decodeVIntSize(b2[s2]), idLength(b2, s2));
    }
  }

  /**
   * Sends every record of an id to the same reducer, whatever its tag and order; a string id goes where a
   * {@code Text} key of the same string would.
   *
   * @param <V> the map output value
   */
  public static final class ById<V> extends Partitioner<TaggedKey, V> {
    @Override
    public int getPartition(TaggedKey key, V value, int partitions) {
      return (key.hashCode() & Integer.MAX_VALUE) % partitions;
    }
  }
}
