package io.reco.schema;

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
 * {@link RecoTables#USER_FEATURES}.
 */
public final class FeatureCells {
  /** The schema version of the user features this code writes and reads. */
  public static final int USER_VERSION = 1;

  private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();
  private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

  private FeatureCells() {
  }

  /** A user's features as a cell value. */
  public static byte[] encode(UserFeatures features) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.write(USER_VERSION);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODER.get());
    ENCODER.set(encoder);
    try {
      new SpecificDatumWriter<>(UserFeatures.class).write(features, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    }
    return out.toByteArray();
  }

  /**
   * The user features a cell holds.
   *
   * @throws IllegalStateException when the cell was written by a schema version this reader does not know
   */
  public static UserFeatures decodeUser(byte[] value) {
    if (value.length == 0 || value[0] != USER_VERSION) {
      throw new IllegalStateException("a " + RecoTables.USER_FEATURES.name() + " cell was written by feature set"
          + " 'user' schema version " + (value.length == 0 ? "(none: an empty cell)" : value[0]) + "; this reader"
          + " knows version " + USER_VERSION + " only - deploy the reader of that version");
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 1, value.length - 1, DECODER.get());
    DECODER.set(decoder);
    try {
      return new SpecificDatumReader<>(UserFeatures.class).read(null, decoder);
    } catch (IOException e) {
      throw new IllegalStateException("a " + RecoTables.USER_FEATURES.name() + " cell of version " + USER_VERSION
          + " does not decode: " + e.getMessage() + " (" + Arrays.toString(Arrays.copyOf(value, 8)) + "...)", e);
    }
  }
}
