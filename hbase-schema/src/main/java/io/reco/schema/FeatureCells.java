package io.reco.schema;

import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.UserFeatures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The cells of the feature tables: one per entity and model version, its first byte the version of the feature
 * set's schema that wrote it, then the record in Avro binary. A reader decodes only the versions it knows and
 * refuses any other with a message saying which; a change a reader of the old version cannot decode gets a new
 * version number here and a new schema.
 *
 * <p>Feature set {@code user}, version {@value #USER_VERSION}: {@code UserFeatures.avsc}, in
 * {@link RecoTables#USER_FEATURES}; feature set {@code item}, version {@value #ITEM_VERSION}: {@code ItemFeatures.avsc},
 * in {@link RecoTables#ITEM_FEATURES}.
 */
public final class FeatureCells {
  /** The schema version of the user features this code writes and reads. */
  public static final int USER_VERSION = 2;
  /** The schema version of the item features this code writes and reads. */
  public static final int ITEM_VERSION = 2;

  private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();
  private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

  private FeatureCells() {
  }

  /** A user's features as a cell value. */
  public static byte[] encode(UserFeatures features) {
    return encode(USER_VERSION, features, UserFeatures.class);
  }

  /** An item's features as a cell value. */
  public static byte[] encode(ItemFeatures features) {
    return encode(ITEM_VERSION, features, ItemFeatures.class);
  }

  /**
   * The user features a cell holds.
   *
   * @throws IllegalStateException when the cell was written by a schema version this reader does not know
   */
  public static UserFeatures decodeUser(byte[] value) {
    return decode(value, USER_VERSION, UserFeatures.class, "user", RecoTables.USER_FEATURES);
  }

  /**
   * The item features a cell holds.
   *
   * @throws IllegalStateException when the cell was written by a schema version this reader does not know
   */
  public static ItemFeatures decodeItem(byte[] value) {
    return decode(value, ITEM_VERSION, ItemFeatures.class, "item", RecoTables.ITEM_FEATURES);
  }

  private static <T> byte[] encode(int version, T features, Class<T> type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.write(version);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODER.get());
    ENCODER.set(encoder);
    try {
      new SpecificDatumWriter<>(type).write(features, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    }
    return out.toByteArray();
  }

  private static <T> T decode(byte[] value, int version, Class<T> type, String set, TableSpec table) {
    if (value.length == 0 || value[0] != version) {
      throw new IllegalStateException("a " + table.name() + " cell was written by feature set '" + set
          + "' schema version " + (value.length == 0 ? "(none: an empty cell)" : value[0]) + "; this reader"
          + " knows version " + version + " only - deploy the reader of that version");
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 1, value.length - 1, DECODER.get());
    DECODER.set(decoder);
    try {
      return new SpecificDatumReader<>(type).read(null, decoder);
    } catch (IOException e) {
      throw new IllegalStateException("a " + table.name() + " cell of version " + version + " does not decode: "
          + e.getMessage() + " (" + Arrays.toString(Arrays.copyOf(value, 8)) + "...)", e);
    }
  }
}
