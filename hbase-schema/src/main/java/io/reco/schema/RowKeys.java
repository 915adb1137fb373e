package io.reco.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Row-key codec for entity tables: a two-byte MD5 prefix of the id, then the id in UTF-8.
 *
 * <p>The prefix spreads sequential ids (user 1, 2, 3...) evenly over the pre-split regions so no region server
 * becomes a hot spot, while the id stays readable and recoverable from the key. MD5 is used because any
 * language can compute it, so keys written here can be read by other tools.
 */
public final class RowKeys {
  /** Bytes of hash in front of the id. */
  public static final int PREFIX_LENGTH = 2;
  private static final int BUCKETS = 1 << (8 * PREFIX_LENGTH);

  private RowKeys() {
  }

  /** The row key of an entity id. */
  public static byte[] of(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("row key id must be a non-empty string");
    }
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[PREFIX_LENGTH + utf8.length];
    byte[] digest = md5(utf8);
    System.arraycopy(digest, 0, key, 0, PREFIX_LENGTH);
    System.arraycopy(utf8, 0, key, PREFIX_LENGTH, utf8.length);
    return key;
  }

  /** The entity id a row key was built from. */
  public static String idOf(byte[] rowKey) {
    return idOf(rowKey, 0, rowKey.length);
  }

  /** The entity id of a row key held in a slice of a larger array. */
  public static String idOf(byte[] buffer, int offset, int length) {
    if (length <= PREFIX_LENGTH) {
      throw new IllegalArgumentException("row key too short to hold an id: " + length + " bytes");
    }
    return new String(buffer, offset + PREFIX_LENGTH, length - PREFIX_LENGTH, StandardCharsets.UTF_8);
  }

  /**
   * Split points that divide the prefix space into {@code regions} equal ranges; {@code regions - 1} keys, none
   * for a single region.
   */
  public static byte[][] splitPoints(int regions) {
    if (regions < 1 || regions > BUCKETS) {
      throw new IllegalArgumentException("regions must be between 1 and " + BUCKETS + ", was " + regions);
    }
    byte[][] splits = new byte[regions - 1][];
    for (int i = 1; i < regions; i++) {
      int bucket = (int) ((long) i * BUCKETS / regions);
      splits[i - 1] = new byte[] {(byte) (bucket >>> 8), (byte) bucket};
    }
    return splits;
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships MD5", e);
    }
  }
}
