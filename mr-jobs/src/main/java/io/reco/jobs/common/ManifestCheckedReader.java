package io.reco.jobs.common;

import io.reco.records.raw.FileProblem;
import io.reco.records.raw.Manifest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.util.LineReader;

/**
 * Reads one raw file of a combined split as lines while hashing its stored bytes, then gives one more key, the
 * file's verdict: its MD5, length and line count against its manifest's, or why it could not be read (a bad
 * manifest, a corrupt compressed stream). Never throws for what a file holds: every problem becomes the verdict.
 */
public final class ManifestCheckedReader extends RecordReader<RawLine, Text> {
  private final Path path;
  private final long length;
  private final RawLine key = new RawLine();
  private final Text value = new Text();
  private String file;
  private int maxLine;
  private Manifest manifest;
  private HashingStream stored;
  private InputStream in;
  private Decompressor decompressor;
  private LineReader lines;
  private long offset;
  private long count;
  private FileProblem problem;
  private String detail;
  private boolean done;

  /**
   * The reader of file {@code index} of {@code split}, as
   * {@link org.apache.hadoop.mapreduce.lib.input.CombineFileRecordReader} builds it.
   */
  public ManifestCheckedReader(CombineFileSplit split, TaskAttemptContext context, Integer index) {
    this.path = split.getPath(index);
    this.length = split.getLength(index);
  }

  @Override
  public void initialize(InputSplit split, TaskAttemptContext context) throws IOException {
    Configuration conf = context.getConfiguration();
    maxLine = RawFileInputFormat.maxLineBytes(conf);
    FileSystem fs = path.getFileSystem(conf);
    file = path.toString();
    try {
      manifest = Manifest.read(fs, Manifest.pathOf(path));
    } catch (IOException e) {
      fail(FileProblem.BAD_MANIFEST, e.getMessage());
      return;
    }
    try {
      stored = new HashingStream(fs.open(path));
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      if (codec == null) {
        in = stored;
      } else {
        decompressor = CodecPool.getDecompressor(codec);
        in = codec.createInputStream(stored, decompressor);
      }
      lines = new LineReader(in, conf);
    } catch (IOException e) {
      fail(FileProblem.UNREADABLE, "cannot open: " + e.getMessage());
    }
  }

  private void fail(FileProblem p, String message) {
    problem = p;
    detail = message;
  }

  @Override
  public boolean nextKeyValue() {
    if (done) {
      return false;
    }
    if (problem == null) {
      try {
        value.clear();
        int read = lines.readLine(value, maxLine + 1, Integer.MAX_VALUE);
        if (read > 0) {
          key.line(file, offset, value.getLength() > maxLine);
          offset += read;
          count++;
          return true;
        }
        verify();
      } catch (IOException | RuntimeException e) {
        // a decompressor reports a corrupt stream as either
        fail(FileProblem.UNREADABLE, "unreadable after " + count + " lines: " + e.getMessage());
      }
    }
    value.clear();
    key.end(file, Math.max(0, count - headerLines()), manifest, problem, detail);
    done = true;
    return true;
  }

  /** At the end of the lines: reads any stored bytes the decompressor left, then compares with the manifest. */
  private void verify() throws IOException {
    byte[] rest = new byte[8192];
    while (stored.read(rest) >= 0) {
      // hashing the tail (a gzip trailer, trailing garbage) too
    }
    String md5 = HexFormat.of().formatHex(stored.digest.digest());
    if (stored.bytes != manifest.bytes() || !md5.equalsIgnoreCase(manifest.md5())) {
      fail(FileProblem.CHECKSUM_MISMATCH, "holds " + stored.bytes + " bytes with MD5 " + md5 + "; its manifest says "
          + manifest.bytes() + " bytes with MD5 " + manifest.md5());
    } else if (count != manifest.records() + headerLines()) {
      fail(FileProblem.COUNT_MISMATCH, "holds " + (count - headerLines()) + " records; its manifest says "
          + manifest.records());
    }
  }

  /** Lines before the records: a CSV file's header. */
  private int headerLines() {
    return file.endsWith(".csv") || file.endsWith(".csv.gz") ? 1 : 0;
  }

  @Override
  public RawLine getCurrentKey() {
    return key;
  }

  @Override
  public Text getCurrentValue() {
    return value;
  }

  @Override
  public float getProgress() {
    return done || length == 0 ? 1f : stored == null ? 0f : Math.min(1f, (float) stored.bytes / length);
  }

  @Override
  public void close() throws IOException {
    IOUtils.closeStream(in != null ? in : stored);
    if (decompressor != null) {
      CodecPool.returnDecompressor(decompressor);
      decompressor = null;
    }
  }

  /** The stored bytes as read, hashed and counted. */
  private static final class HashingStream extends FilterInputStream {
    private final MessageDigest digest;
    private long bytes;

    HashingStream(InputStream in) {
      super(in);
      try {
        digest = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has MD5", e);
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        digest.update((byte) b);
        bytes++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        digest.update(b, off, n);
        bytes += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] sink = new byte[(int) Math.min(n, 8192)];
      int read = read(sink, 0, sink.length);
      return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
