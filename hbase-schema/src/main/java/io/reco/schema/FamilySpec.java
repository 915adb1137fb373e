package io.reco.schema;

import java.nio.charset.StandardCharsets;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.io.compress.Compression;
import org.apache.hadoop.hbase.io.encoding.DataBlockEncoding;
import org.apache.hadoop.hbase.regionserver.BloomType;

/**
 * One column family as declared by the contract.
 *
 * @param name family name, one short word
 * @param maxVersions cell versions HBase keeps
 * @param ttlSeconds time to live of a cell; {@link Integer#MAX_VALUE} for forever
 * @param compression block compression
 * @param encoding data block encoding
 * @param bloom bloom filter type
 */
public record FamilySpec(String name, int maxVersions, int ttlSeconds, Compression.Algorithm compression,
    DataBlockEncoding encoding, BloomType bloom) {

  /** Forever, in HBase's terms. */
  public static final int NO_TTL = Integer.MAX_VALUE;

  /** The family name as bytes. */
  public byte[] bytes() {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  /** The HBase descriptor for this family. */
  public ColumnFamilyDescriptor descriptor() {
    return ColumnFamilyDescriptorBuilder.newBuilder(bytes())
        .setMaxVersions(maxVersions)
        .setTimeToLive(ttlSeconds)
        .setCompressionType(compression)
        .setDataBlockEncoding(encoding)
        .setBloomFilterType(bloom)
        .build();
  }
}
