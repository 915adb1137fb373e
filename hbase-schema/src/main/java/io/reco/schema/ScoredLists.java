package io.reco.schema;

import io.reco.schema.avro.ScoredItem;
import io.reco.schema.avro.ScoredItemList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.KeyValue;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;

/**
 * Reads and writes the cells of the model tables: row {@link RowKeys#of}(entity), qualifier = model version,
 * value = an Avro-binary {@link ScoredItemList}.
 */
public final class ScoredLists {
  private static final SpecificDatumWriter<ScoredItemList> WRITER = new SpecificDatumWriter<>(ScoredItemList.class);
  private static final SpecificDatumReader<ScoredItemList> READER = new SpecificDatumReader<>(ScoredItemList.class);

  private ScoredLists() {
  }

  /** The Avro binary encoding of a ranked list. */
  public static byte[] encode(List<ScoredItem> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + items.size() * 24);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      WRITER.write(new ScoredItemList(items), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a scored list", e);
    }
    return out.toByteArray();
  }

  /** Decodes a cell value written by {@link #encode}. */
  public static List<ScoredItem> decode(byte[] value) {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, null);
    try {
      return READER.read(null, decoder).getItems();
    } catch (IOException e) {
      throw new IllegalArgumentException("cell value is not a ScoredItemList: " + e.getMessage(), e);
    }
  }

  /** The qualifier of a model version. */
  public static byte[] qualifier(String modelVersion) {
    return modelVersion.getBytes(StandardCharsets.UTF_8);
  }

  /** The cell holding one entity's list for one model version, for HFiles. */
  public static KeyValue cell(TableSpec table, String entityId, String modelVersion, List<ScoredItem> items) {
    byte[] value = encode(items);
    return cell(table, entityId, modelVersion, value, value.length);
  }

  /** The cell for a list already encoded, held in the first {@code length} bytes of {@code encoded}. */
  public static KeyValue cell(TableSpec table, String entityId, String modelVersion, byte[] encoded, int length) {
    byte[] row = RowKeys.of(entityId);
    byte[] family = table.family().bytes();
    byte[] qualifier = qualifier(modelVersion);
    return new KeyValue(row, 0, row.length, family, 0, family.length, qualifier, 0, qualifier.length,
        HConstants.LATEST_TIMESTAMP, KeyValue.Type.Put, encoded, 0, length);
  }

  /** The Get that reads one entity's list for one model version. */
  public static Get get(TableSpec table, String entityId, String modelVersion) {
    return new Get(RowKeys.of(entityId)).addColumn(table.family().bytes(), qualifier(modelVersion));
  }

  /** The list in a result of {@link #get}; empty when the entity has no row for that version. */
  public static Optional<List<ScoredItem>> from(Result result, TableSpec table, String modelVersion) {
    byte[] value = result.getValue(table.family().bytes(), qualifier(modelVersion));
    return value == null ? Optional.empty() : Optional.of(decode(value));
  }

  /** Reads one entity's list for one model version. */
  public static Optional<List<ScoredItem>> read(Table hbase, TableSpec table, String entityId, String modelVersion)
      throws IOException {
    return from(hbase.get(get(table, entityId, modelVersion)), table, modelVersion);
  }
}
