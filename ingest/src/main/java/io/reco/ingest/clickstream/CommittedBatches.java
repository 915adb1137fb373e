package io.reco.ingest.clickstream;

import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a partition's landing stands according to its committed files alone, for when its journal is missing or
 * damaged. The consumer names every file of a batch {@code <topic>-<partition>-<batch's first offset>} and records
 * in each manifest's {@code source} the batch's last offset and how many files it has, so the newest batch whose
 * files all carry their manifest says where to resume. Newer batches with a file missing its manifest were caught
 * mid-commit: their files and manifests are deleted, as the journal would have had them undone.
 */
final class CommittedBatches {
  /** Manifest {@code source} key: the last offset of the file's batch. */
  static final String BATCH_LAST_OFFSET = "batch_last_offset";
  /** Manifest {@code source} key: how many files the file's batch has. */
  static final String BATCH_FILES = "batch_files";

  /**
   * The outcome of one recovery.
   *
   * @param resumeOffset the offset after the newest complete batch, or -1 when there is none
   * @param undone batches caught mid-commit whose files were deleted
   */
  record Recovery(long resumeOffset, int undone) {
  }

  private CommittedBatches() {
  }

  /** Finds the newest complete batch of {@code tp} in {@code zone}, deleting incomplete newer ones. */
  static Recovery recover(FileSystem fs, RawZone zone, TopicPartition tp) throws IOException {
    String prefix = tp.topic() + "-" + tp.partition() + "-";
    Pattern name = Pattern.compile(Pattern.quote(prefix) + "(\\d{20})\\.jsonl(\\.gz)?(" + Pattern.quote(
        Manifest.SUFFIX) + ")?");
    NavigableMap<Long, List<Path>> batches = new TreeMap<>();
    List<Path> globs = List.of(new Path(zone.clickstream(), "dt=*/hour=*/" + prefix + "*"),
        new Path(new Path(zone.root(), "quarantine/clickstream"), "dt=*/" + prefix + "*"));
    for (Path glob : globs) {
      FileStatus[] found = fs.globStatus(glob);
      for (FileStatus status : found == null ? new FileStatus[0] : found) {
        Matcher m = name.matcher(status.getPath().getName());
        if (status.isFile() && m.matches()) {
          batches.computeIfAbsent(Long.parseLong(m.group(1)), k -> new ArrayList<>()).add(status.getPath());
        }
      }
    }
    int undone = 0;
    for (Map.Entry<Long, List<Path>> batch : batches.descendingMap().entrySet()) {
      long last = lastOffsetIfComplete(fs, batch.getValue());
      if (last >= 0) {
        return new Recovery(last + 1, undone);
      }
      for (Path path : batch.getValue()) {
        if (path.getName().endsWith(Manifest.SUFFIX)) {
          fs.delete(path, false);
        }
      }
      for (Path path : batch.getValue()) {
        fs.delete(path, false);
      }
      undone++;
    }
    return new Recovery(-1, undone);
  }

  /** The batch's last offset when every file has its manifest and none is missing; else -1. */
  private static long lastOffsetIfComplete(FileSystem fs, List<Path> paths) throws IOException {
    Set<Path> manifests = new HashSet<>();
    List<Path> data = new ArrayList<>();
    for (Path path : paths) {
      (path.getName().endsWith(Manifest.SUFFIX) ? manifests : data).add(path);
    }
    if (data.isEmpty() || data.size() != manifests.size()) {
      return -1;
    }
    long last = -1;
    for (Path file : data) {
      if (!manifests.contains(Manifest.pathOf(file))) {
        return -1;
      }
      Map<String, Object> source;
      try {
        source = Manifest.read(fs, Manifest.pathOf(file)).source();
      } catch (IOException e) {
        return -1;
      }
      Object files = source.get(BATCH_FILES);
      if (files instanceof Number n && n.intValue() != data.size()) {
        return -1;
      }
      Object batchLast = source.getOrDefault(BATCH_LAST_OFFSET, source.get("last_offset"));
      if (batchLast instanceof Number n) {
        last = Math.max(last, n.longValue());
      }
    }
    return last;
  }
}
