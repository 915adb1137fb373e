package io.reco.records.raw;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes one raw data file and commits it: lines go to a hidden in-progress file while an MD5 of the stored bytes
 * is kept; {@link #commit} syncs and closes it, renames it to its final name, then writes its {@link Manifest}.
 * A crash at any point leaves either a committed file with its manifest or nothing a reader would take for data.
 * A name ending in {@code .gz} is gzip-compressed. Not thread-safe.
 */
public final class RawFileWriter implements AutoCloseable {
  private static final int BUFFER = 1 << 20;
  private final FileSystem fs;
  private final Path target;
  private final Path tmp;
  private final FSDataOutputStream raw;
  private final MessageDigest md5;
  private final OutputStream out;
  private long records;
  private long minEventTime = Long.MAX_VALUE;
  private long maxEventTime = Long.MIN_VALUE;
  private boolean done;

  private RawFileWriter(FileSystem fs, Path target, Path tmp) throws IOException {
    this.fs = fs;
    this.target = target;
    this.tmp = tmp;
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no MD5", e);
    }
    // The manifest's MD5 guards local files; Hadoop's .crc side files would only double the work.
    FileSystem writeFs = fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    this.raw = writeFs.create(tmp, true, BUFFER);
    OutputStream digested = new DigestOutputStream(raw, md5);
    this.out = target.getName().endsWith(".gz")
        ? new GZIPOutputStream(digested, BUFFER)
        : new BufferedOutputStream(digested, BUFFER);
  }

  /** Starts writing the data file that will be committed as {@code target}. */
  public static RawFileWriter create(FileSystem fs, Path target) throws IOException {
    return new RawFileWriter(fs, target, RawFiles.inProgress(target));
  }

  /**
   * Starts writing a data file at {@code inProgress}, which must be hidden (under a {@code _} directory, say) and
   * on the same file system; {@link #commit} moves it to {@code target}.
   */
  public static RawFileWriter create(FileSystem fs, Path target, Path inProgress) throws IOException {
    return new RawFileWriter(fs, target, inProgress);
  }

  /** The path the file gets when committed. */
  public Path target() {
    return target;
  }

  /** Records written so far. */
  public long records() {
    return records;
  }

  /** Writes a line that is not a record, such as a CSV header. */
  public void writeHeader(String line) throws IOException {
    writeLine(line);
  }

  /** Writes one record without an event time. */
  public void write(String line) throws IOException {
    writeLine(line);
    records++;
  }

  /** Writes one record whose event time is {@code eventTimeMillis}, UTC epoch milliseconds. */
  public void write(String line, long eventTimeMillis) throws IOException {
    write(line);
    minEventTime = Math.min(minEventTime, eventTimeMillis);
    maxEventTime = Math.max(maxEventTime, eventTimeMillis);
  }

  /** Writes bytes that already hold one record and its newline. */
  public void writeRecordBytes(byte[] line, long eventTimeMillis) throws IOException {
    out.write(line);
    records++;
    minEventTime = Math.min(minEventTime, eventTimeMillis);
    maxEventTime = Math.max(maxEventTime, eventTimeMillis);
  }

  private void writeLine(String line) throws IOException {
    out.write(line.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }

  /**
   * Makes the file durable, gives it its final name and writes its manifest, which marks it committed.
   *
   * @param kind what the file holds (clickstream, transactions, catalog, quarantine...)
   * @param source where its records came from, recorded in the manifest
   */
  public Manifest commit(String kind, Map<String, Object> source, Clock clock) throws IOException {
    if (done) {
      throw new IllegalStateException(target + " is already committed or aborted");
    }
    out.flush();
    if (out instanceof GZIPOutputStream gzip) {
      gzip.finish();
    }
    raw.hsync();
    long bytes = raw.getPos();
    out.close();
    done = true;
    RawFiles.replace(fs, tmp, target);
    Manifest manifest = new Manifest(target.getName(), HexFormat.of().formatHex(md5.digest()), bytes, records,
        records == 0 || minEventTime == Long.MAX_VALUE ? null : Instant.ofEpochMilli(minEventTime).toString(),
        records == 0 || maxEventTime == Long.MIN_VALUE ? null : Instant.ofEpochMilli(maxEventTime).toString(),
        kind, source, clock.instant().toString());
    manifest.writeBeside(fs, target);
    return manifest;
  }

  /** Drops the uncommitted file; does nothing after {@link #commit}. */
  public void abort() throws IOException {
    if (!done) {
      done = true;
      try {
        out.close();
      } finally {
        fs.delete(tmp, false);
      }
    }
  }

  /** Same as {@link #abort}: a writer closed without {@link #commit} leaves nothing behind. */
  @Override
  public void close() throws IOException {
    abort();
  }
}
