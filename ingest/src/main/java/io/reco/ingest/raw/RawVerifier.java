package io.reco.ingest.raw;

import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFiles;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks every data file of a raw zone against its manifest: files whose manifest is gone or whose data is gone,
 * files whose bytes no longer match, compressed files that do not decompress, JSON-lines files whose line count is
 * not the manifest's {@code records}, and Kafka batches landed twice (two committed batches of one topic partition
 * whose offset ranges overlap). In-progress files of running writers are counted, not faulted.
 */
public final class RawVerifier {
  /** What is wrong with one file. */
  public enum Problem {
    /** A manifest whose data file does not exist. */
    MISSING,
    /** A data file whose length or MD5 differs from its manifest, or a manifest that cannot be read. */
    CORRUPTED,
    /** A data file without a manifest: never committed, or its manifest was lost. */
    ORPHANED,
    /** Two committed batches of one topic partition whose offset ranges overlap: records landed twice. */
    OVERLAP
  }

  /** One finding: the file and what is wrong with it. */
  public record Finding(Problem problem, Path path, String detail) {
    @Override
    public String toString() {
      return problem + " " + path + ": " + detail;
    }
  }

  /** The outcome of one verification. */
  public record Report(long verified, long records, long inProgress, List<Finding> findings) {
    /** Whether every file matched its manifest. */
    public boolean ok() {
      return findings.isEmpty();
    }

    /** Findings of one kind. */
    public long count(Problem problem) {
      return findings.stream().filter(f -> f.problem() == problem).count();
    }

    /** One summary line. */
    public String summary() {
      return String.format("%d files verified (%d records), %d missing, %d corrupted, %d orphaned, %d overlapping, "
          + "%d in progress", verified, records, count(Problem.MISSING), count(Problem.CORRUPTED),
          count(Problem.ORPHANED), count(Problem.OVERLAP), inProgress);
    }
  }

  private final FileSystem fs;
  private long verified;
  private long records;
  private long inProgress;
  private final List<Finding> findings = new ArrayList<>();
  /** Committed Kafka batches: topic-partition, then batch key, then its offset range and one file. */
  private final Map<String, Map<String, Batch>> batches = new TreeMap<>();

  /** One landed batch of a topic partition: its offset range and a file that holds part of it. */
  private record Batch(long first, long last, Path file) {
  }

  private RawVerifier(FileSystem fs) {
    this.fs = fs;
  }

  /** Verifies every file under {@code root}. */
  public static Report verify(FileSystem fs, Path root) throws IOException {
    if (!fs.exists(root)) {
      throw new IllegalArgumentException("raw zone " + root + " does not exist");
    }
    RawVerifier verifier = new RawVerifier(fs);
    verifier.walk(root);
    verifier.overlaps();
    return new Report(verifier.verified, verifier.records, verifier.inProgress, List.copyOf(verifier.findings));
  }

  private void walk(Path dir) throws IOException {
    FileStatus[] children = fs.listStatus(dir);
    Set<String> names = new HashSet<>();
    for (FileStatus child : children) {
      names.add(child.getPath().getName());
    }
    for (FileStatus child : children) {
      Path path = child.getPath();
      String name = path.getName();
      if (RawFiles.isHidden(name)) {
        if (child.isFile() && name.endsWith(RawFiles.IN_PROGRESS)) {
          inProgress++;
        } else if (child.isDirectory() && name.equals(RawFiles.STAGING)) {
          inProgress += countFiles(path);
        }
        continue;
      }
      if (child.isDirectory()) {
        walk(path);
      } else if (name.endsWith(Manifest.SUFFIX)) {
        String dataName = name.substring(0, name.length() - Manifest.SUFFIX.length());
        if (!names.contains(dataName)) {
          findings.add(new Finding(Problem.MISSING, new Path(dir, dataName), "manifest " + name + " has no data file"));
        }
      } else if (!names.contains(name + Manifest.SUFFIX)) {
        findings.add(new Finding(Problem.ORPHANED, path, "no manifest " + name + Manifest.SUFFIX));
      } else {
        check(child);
      }
    }
  }

  private long countFiles(Path dir) throws IOException {
    long n = 0;
    var files = fs.listFiles(dir, true);
    while (files.hasNext()) {
      if (files.next().getPath().getName().endsWith(RawFiles.IN_PROGRESS)) {
        n++;
      }
    }
    return n;
  }

  private void check(FileStatus data) throws IOException {
    Path path = data.getPath();
    Manifest manifest;
    try {
      manifest = Manifest.read(fs, Manifest.pathOf(path));
    } catch (IOException e) {
      findings.add(new Finding(Problem.CORRUPTED, path, e.getMessage()));
      return;
    }
    if (!manifest.file().equals(path.getName())) {
      findings.add(new Finding(Problem.CORRUPTED, path, "manifest describes '" + manifest.file() + "'"));
    } else if (data.getLen() != manifest.bytes()) {
      findings.add(new Finding(Problem.CORRUPTED, path,
          "length " + data.getLen() + " bytes, manifest says " + manifest.bytes()));
    } else {
      Contents contents = read(path);
      if (!contents.md5().equals(manifest.md5())) {
        findings.add(new Finding(Problem.CORRUPTED, path, "MD5 " + contents.md5() + ", manifest says "
            + manifest.md5()));
      } else if (contents.error() != null) {
        findings.add(new Finding(Problem.CORRUPTED, path, contents.error()));
      } else if (contents.lines() >= 0 && contents.lines() != manifest.records()) {
        findings.add(new Finding(Problem.CORRUPTED, path,
            contents.lines() + " records, manifest says " + manifest.records()));
      } else {
        verified++;
        records += manifest.records();
        addBatch(path, manifest.source());
      }
    }
  }

  /** Remembers the Kafka batch a file belongs to, when its manifest's source names one. */
  private void addBatch(Path path, Map<String, Object> source) {
    if (!(source.get("topic") instanceof String topic) || !(source.get("partition") instanceof Number partition)
        || !(source.get("first_offset") instanceof Number first)
        || !(source.get("last_offset") instanceof Number last)) {
      return;
    }
    Object batchFirst = source.getOrDefault("batch_first_offset", first);
    Object batchLast = source.get("batch_last_offset");
    String key = batchFirst + "-" + (batchLast == null ? "?" : batchLast);
    long from = ((Number) batchFirst).longValue();
    long to = batchLast instanceof Number n ? n.longValue() : last.longValue();
    batches.computeIfAbsent(topic + "-" + partition, k -> new TreeMap<>())
        .merge(key, new Batch(from, to, path), (a, b) -> new Batch(a.first(), Math.max(a.last(), b.last()), a.file()));
  }

  /** Files of one batch interleave their offsets; two batches of a partition must not share any. */
  private void overlaps() {
    batches.forEach((partition, byKey) -> {
      List<Batch> sorted = new ArrayList<>(byKey.values());
      sorted.sort(Comparator.comparingLong(Batch::first).thenComparingLong(Batch::last));
      Batch reach = null;
      for (Batch batch : sorted) {
        if (reach != null && batch.first() <= reach.last()) {
          findings.add(new Finding(Problem.OVERLAP, batch.file(), partition + " offsets " + batch.first() + "-"
              + batch.last() + " were also landed by the batch " + reach.first() + "-" + reach.last() + " of "
              + reach.file()));
        }
        if (reach == null || batch.last() > reach.last()) {
          reach = batch;
        }
      }
    });
  }

  /**
   * What a file holds: the MD5 of its bytes, and for JSON-lines files ({@code .jsonl}, {@code .jsonl.gz}) their
   * lines (else -1). A {@code .gz} is decompressed to its end; an error says why it cannot be.
   */
  private record Contents(String md5, long lines, String error) {
  }

  private Contents read(Path path) throws IOException {
    MessageDigest digest = newMd5();
    String name = path.getName();
    boolean gzip = name.endsWith(".gz");
    boolean jsonLines = name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
    long lines = 0;
    String error = null;
    try (InputStream stored = new DigestInputStream(fs.open(path), digest)) {
      byte[] buffer = new byte[1 << 16];
      boolean endsInNewline = true;
      boolean any = false;
      try {
        InputStream text = gzip ? new GZIPInputStream(stored, 1 << 16) : stored;
        for (int n = text.read(buffer); n >= 0; n = text.read(buffer)) {
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              lines++;
            }
          }
          if (n > 0) {
            any = true;
            endsInNewline = buffer[n - 1] == '\n';
          }
        }
      } catch (IOException e) {
        error = "not a readable gzip file: " + e.getMessage();
      }
      if (any && !endsInNewline) {
        lines++;
      }
      while (stored.read(buffer) >= 0) {
        // the rest of the stored bytes still feeds the digest
      }
    }
    return new Contents(HexFormat.of().formatHex(digest.digest()), jsonLines ? lines : -1, error);
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no MD5", e);
    }
  }

  /** The hex MD5 of a file's stored bytes. */
  public static String md5(FileSystem fs, Path path) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no MD5", e);
    }
    try (InputStream in = new DigestInputStream(fs.open(path), digest)) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // reading feeds the digest
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

}
