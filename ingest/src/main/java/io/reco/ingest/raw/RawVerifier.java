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
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks every data file of a raw zone against its manifest: files whose manifest is gone or whose data is gone,
 * and files whose bytes no longer match. In-progress files of running writers are counted, not faulted.
 */
public final class RawVerifier {
  /** What is wrong with one file. */
  public enum Problem {
    /** A manifest whose data file does not exist. */
    MISSING,
    /** A data file whose length or MD5 differs from its manifest, or a manifest that cannot be read. */
    CORRUPTED,
    /** A data file without a manifest: never committed, or its manifest was lost. */
    ORPHANED
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
      return String.format("%d files verified (%d records), %d missing, %d corrupted, %d orphaned, %d in progress",
          verified, records, count(Problem.MISSING), count(Problem.CORRUPTED), count(Problem.ORPHANED), inProgress);
    }
  }

  private final FileSystem fs;
  private long verified;
  private long records;
  private long inProgress;
  private final List<Finding> findings = new ArrayList<>();

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
      String actual = md5(path);
      if (!actual.equals(manifest.md5())) {
        findings.add(new Finding(Problem.CORRUPTED, path, "MD5 " + actual + ", manifest says " + manifest.md5()));
      } else {
        verified++;
        records += manifest.records();
      }
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

  private String md5(Path path) throws IOException {
    return md5(fs, path);
  }
}
