package io.reco.jobs.toppicks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.io.BytesWritable;

/** A value of the top-picks passes: one tag byte, then its bytes; a seed's list also carries the seed's id. */
final class Tagged {
  static final byte TIME = 'T';
  static final byte HISTORY = 'H';
  static final byte EXCLUDED = 'X';
  static final byte USER = 'U';
  static final byte NEIGHBOURS = 'N';
  static final byte SEED = 'S';

  private Tagged() {
  }

  static void set(BytesWritable out, byte tag, byte[] payload, int length) {
    byte[] bytes = new byte[length + 1];
    bytes[0] = tag;
    System.arraycopy(payload, 0, bytes, 1, length);
    out.set(bytes, 0, bytes.length);
  }

  static byte tag(BytesWritable value) {
    return value.getBytes()[0];
  }

  static byte[] payload(BytesWritable value) {
    return Arrays.copyOfRange(value.getBytes(), 1, value.getLength());
  }

  /** A seed's id and its neighbour list, as one payload. */
  static byte[] seed(String seed, byte[] list) {
    byte[] id = seed.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + id.length + list.length).putInt(id.length).put(id).put(list).array();
  }

  static String seedId(byte[] payload) {
    int length = ByteBuffer.wrap(payload).getInt();
    return new String(payload, 4, length, StandardCharsets.UTF_8);
  }

  static byte[] seedList(byte[] payload) {
    int length = ByteBuffer.wrap(payload).getInt();
    return Arrays.copyOfRange(payload, 4 + length, payload.length);
  }
}
