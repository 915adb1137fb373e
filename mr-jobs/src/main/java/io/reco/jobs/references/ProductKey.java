package io.reco.jobs.references;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * A product id with a tag: the catalog row ({@link #CATALOG}) sorts before the product's events ({@link #EVENT}),
 * so a reducer grouped on the id alone knows whether the product exists before the first event, without holding
 * the events of a popular product in memory.
 */
public final class ProductKey implements WritableComparable<ProductKey> {
  /** The record is the product's catalog row. */
  public static final byte CATALOG = 0;
  /** The record is an event of the product. */
  public static final byte EVENT = 1;

  private final Text productId = new Text();
  private byte tag;

  /** Replaces the key. */
  public ProductKey set(String productId, byte tag) {
    this.productId.set(productId);
    this.tag = tag;
    return this;
  }

  /** The product id. */
  public Text productId() {
    return productId;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    productId.write(out);
    out.writeByte(tag);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    productId.readFields(in);
    tag = in.readByte();
  }

  @Override
  public int compareTo(ProductKey o) {
    int c = productId.compareTo(o.productId);
    return c != 0 ? c : Byte.compare(tag, o.tag);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProductKey k && k.tag == tag && k.productId.equals(productId);
  }

  @Override
  public int hashCode() {
    return productId.hashCode();
  }

  @Override
  public String toString() {
    return productId + (tag == CATALOG ? "/catalog" : "/event");
  }

  /** Sends every record of a product to the same reducer, whatever its tag. */
  public static final class ByProduct extends Partitioner<ProductKey, Text> {
    @Override
    public int getPartition(ProductKey key, Text value, int partitions) {
      return (key.productId.hashCode() & Integer.MAX_VALUE) % partitions;
    }
  }

  /** Groups the catalog row and the events of a product into one reduce call. */
  public static final class SameProduct extends WritableComparator {
    /** For Hadoop. */
    public SameProduct() {
      super(ProductKey.class, true);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return ((ProductKey) a).productId.compareTo(((ProductKey) b).productId);
    }
  }
}
