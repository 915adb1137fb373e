package io.reco.jobs.common;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * What a task made of one input file, held back until the file is judged whole: released in order to the task's
 * outputs when the file matches its manifest, discarded when it does not. Entries are tagged byte strings (an
 * encoded Avro record, a quarantine line); memory holds up to {@value #IN_MEMORY} bytes of them, the rest spills to
 * a local temporary file, so a file of any size costs bounded memory. Not thread-safe.
 */
public final class HeldOutput implements Closeable {
  /** Bytes held in memory before spilling. */
  static final int IN_MEMORY = 32 << 20;

  /** Takes the released entries. */
  public interface Sink {
    /** One entry, as added. */
    void accept(byte tag, long key, byte[] bytes, int offset, int length) throws IOException, InterruptedException;
  }

  private final Buffer buffer = new Buffer();
  private java.nio.file.Path spill;
  private DataOutputStream spilled;
  private long held;

  /**
   * Starts an entry of {@code tag} and {@code key}; its bytes are then written to {@link #stream()}, and
   * {@link #end()} ends it.
   */
  public void begin(byte tag, long key) {
    buffer.header(tag, key);
  }

  /** Where the bytes of the entry begun are written: always the same stream, so an encoder can stay bound to it. */
  public OutputStream stream() {
    return buffer;
  }

  /** Ends the entry begun last. */
  public void end() throws IOException {
    int length = buffer.count - buffer.lengthAt - Integer.BYTES;
    buffer.patchInt(buffer.lengthAt, length);
    held++;
    if (buffer.count > IN_MEMORY) {
      if (spilled == null) {
        spill = Files.createTempFile("reco-held-", ".bin");
        spilled = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16));
      }
      spilled.write(buffer.bytes, 0, buffer.count);
      buffer.count = 0;
    }
  }

  /** Adds a whole entry. */
  public void add(byte tag, long key, byte[] bytes, int offset, int length) throws IOException {
    begin(tag, key);
    buffer.write(bytes, offset, length);
    end();
  }

  /** Entries held. */
  public long size() {
    return held;
  }

  /** Gives every entry to {@code sink} in the order added, then holds nothing. */
  public void release(Sink sink) throws IOException, InterruptedException {
    if (spilled != null) {
      spilled.close();
      byte[] entry = new byte[1024];
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 1 << 16))) {
        while (true) {
          byte tag;
          try {
            tag = in.readByte();
          } catch (EOFException end) {
            break;
          }
          long key = in.readLong();
          int length = in.readInt();
          entry = length > entry.length ? new byte[length] : entry;
          in.readFully(entry, 0, length);
          sink.accept(tag, key, entry, 0, length);
        }
      }
    }
    int at = 0;
    while (at < buffer.count) {
      byte tag = buffer.bytes[at];
      long key = buffer.readLong(at + 1);
      int length = buffer.readInt(at + 1 + Long.BYTES);
      int start = at + 1 + Long.BYTES + Integer.BYTES;
      sink.accept(tag, key, buffer.bytes, start, length);
      at = start + length;
    }
    discard();
  }

  /** Drops every entry held. */
  public void discard() throws IOException {
    buffer.count = 0;
    held = 0;
    if (spilled != null) {
      spilled.close();
      spilled = null;
      Files.deleteIfExists(spill);
      spill = null;
    }
  }

  @Override
  public void close() throws IOException {
    discard();
  }

  /** A growable byte array whose contents can be read in place. */
  private static final class Buffer extends OutputStream {
    private byte[] bytes = new byte[1 << 16];
    private int count;
    private int lengthAt;

    private void ensure(int more) {
      if (count + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    /** Writes an entry's tag and key and room for its length. */
    void header(byte tag, long key) {
      ensure(1 + Long.BYTES + Integer.BYTES);
      bytes[count] = tag;
      patchInt(count + 1, (int) (key >>> 32));
      patchInt(count + 5, (int) key);
      lengthAt = count + 1 + Long.BYTES;
      count += 1 + Long.BYTES + Integer.BYTES;
    }

    void patchInt(int at, int v) {
      bytes[at] = (byte) (v >>> 24);
      bytes[at + 1] = (byte) (v >>> 16);
      bytes[at + 2] = (byte) (v >>> 8);
      bytes[at + 3] = (byte) v;
    }

    int readInt(int at) {
      return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
          | bytes[at + 3] & 0xff;
    }

    long readLong(int at) {
      return (long) readInt(at) << 32 | readInt(at + 4) & 0xffffffffL;
    }
  }
}
