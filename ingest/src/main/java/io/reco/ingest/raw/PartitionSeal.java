package io.reco.ingest.raw;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Closes one date partition of the raw zone for the schedulers: once the day is over (plus the tolerated lateness),
 * no file in it is still being written, and every data file matches its manifest ({@link RawVerifier}), it writes
 * {@value #FLAG} - the done-flag an Oozie coordinator's dataset waits for - listing what the day holds.
 *
 * <p>Files that a Flume HDFS sink landed have no manifests: with {@code flume}, each closed one gets its manifest
 * first (its MD5, length and line count; no event times, which only the readers parse), so the same readers take
 * them. A file Flume still writes (its in-use suffix {@value #FLUME_IN_USE}, whatever its prefix) is left alone and
 * keeps the day open, as do the raw zone's own files in progress.
 */
public final class PartitionSeal {
  /** The done-flag of a sealed date partition. */
  public static final String FLAG = "_SEALED";
  /** Flume's HDFS sink's suffix of a file still open ({@code hdfs.inUseSuffix}). */
  public static final String FLUME_IN_USE = ".tmp";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What sealing one partition did.
   *
   * @param sealed whether {@value #FLAG} is now in place
   * @param manifestsWritten manifests written for Flume's closed files
   * @param open files still being written
   * @param why what keeps the partition open; null when sealed
   */
  public record Result(Path partition, boolean sealed, long files, long records, long manifestsWritten, long open,
      List<RawVerifier.Finding> findings, String why) {
  }

  private PartitionSeal() {
  }

  /**
   * Seals the {@code dt=} partition {@code partition} of {@code date}, whose files are of {@code kind}, when it may
   * be; not before {@code lateness} past the end of the day by {@code clock}.
   */
  public static Result seal(FileSystem fs, Path partition, LocalDate date, String kind, boolean flume,
      Duration lateness, Clock clock) throws IOException {
    if (!fs.exists(partition)) {
      return new Result(partition, false, 0, 0, 0, 0, List.of(), "no partition " + partition);
    }
    long written = 0;
    long open = 0;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(partition, true);
    List<LocatedFileStatus> all = new ArrayList<>();
    while (files.hasNext()) {
      all.add(files.next());
    }
    for (LocatedFileStatus file : all) {
      String name = file.getPath().getName();
      if (isOpen(name)) {
        open++;
      } else if (flume && !RawFiles.isHidden(name) && !name.endsWith(Manifest.SUFFIX)
          && !fs.exists(Manifest.pathOf(file.getPath()))) {
        manifest(fs, file, kind);
        written++;
      }
    }
    Instant closes = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(lateness);
    String why = null;
    RawVerifier.Report report = RawVerifier.verify(fs, partition);
    // a file Flume still writes has no manifest yet: open, not wrong
    List<RawVerifier.Finding> findings = report.findings().stream().filter(f -> !isOpen(f.path().getName()))
        .toList();
    open = Math.max(open, report.inProgress());
    if (open > 0) {
      why = open + " file(s) still being written";
    } else if (!findings.isEmpty()) {
      why = findings.size() + " file(s) do not match their manifests: " + findings.get(0);
    } else if (clock.instant().isBefore(closes)) {
      why = "the day is open until " + closes + " (its end plus the tolerated lateness)";
    }
    if (why != null) {
      return new Result(partition, false, report.verified(), report.records(), written, open, findings, why);
    }
    Map<String, Object> flag = new LinkedHashMap<>();
    flag.put("date", date.toString());
    flag.put("kind", kind);
    flag.put("files", report.verified());
    flag.put("records", report.records());
    flag.put("sealed_at", clock.instant().toString());
    Path tmp = new Path(partition, "_" + FLAG + FLUME_IN_USE);
    try (FSDataOutputStream out = fs.create(tmp, true)) {
      out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(flag));
      out.hsync();
    }
    RawFiles.replace(fs, tmp, new Path(partition, FLAG));
    return new Result(partition, true, report.verified(), report.records(), written, 0, List.of(), null);
  }

  /** Whether a file is still being written: Flume's in-use files and the raw zone's own in progress. */
  /**
   * Whether a file of the raw zone is still being written, by its name: Flume's in-use suffix, or the raw zone's
   * own in-progress one ({@link RawFiles#IN_PROGRESS}).
   */
  public static boolean isOpen(String name) {
    boolean ours = name.startsWith("_") && (name.endsWith(Manifest.SUFFIX + FLUME_IN_USE)
        || name.equals("_" + FLAG + FLUME_IN_USE));
    return name.endsWith(FLUME_IN_USE) && !ours || name.endsWith(RawFiles.IN_PROGRESS);
  }

  /** The manifest of a closed file Flume landed: checksum, length and lines, committed as of its last write. */
  private static void manifest(FileSystem fs, LocatedFileStatus file, String kind) throws IOException {
    long lines = 0;
    try (InputStream raw = fs.open(file.getPath());
         InputStream in = file.getPath().getName().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
         BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      while (reader.readLine() != null) {
        lines++;
      }
    }
    new Manifest(file.getPath().getName(), RawVerifier.md5(fs, file.getPath()), file.getLen(), lines, null, null,
        kind, Map.of("landed_by", "flume"), Instant.ofEpochMilli(file.getModificationTime()).toString())
        .writeBeside(fs, file.getPath());
  }
}
