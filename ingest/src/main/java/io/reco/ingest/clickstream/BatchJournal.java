package io.reco.ingest.clickstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.raw.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's record of the last batch of one topic partition, which makes a batch all-or-nothing. It names
 * every file of the batch before any is moved to its final place, and says "committed" only once every file has its
 * manifest. After a crash, a batch caught mid-commit is undone (its files and manifests deleted) and re-read from
 * its first offset; a committed batch is resumed after its last offset, whatever Kafka's committed offset says.
 *
 * <p>A journal is never replaced in place: each version is a new numbered file ({@code <20-digit sequence>.json})
 * in the partition's journal directory, written to a hidden temporary file, synced, then renamed to a name that
 * does not exist yet; older versions are deleted only after that. A rename to a fresh name is atomic on HDFS (one
 * NameNode operation) and on a local disk ({@code rename(2)}), whereas a replacing rename is not: Hadoop's
 * {@code FileSystem.rename} refuses an existing target, and delete-then-rename leaves a moment with no journal at
 * all. The newest version that parses wins; a truncated or garbled one is skipped with a warning.
 *
 * @param firstOffset the batch's first Kafka offset
 * @param lastOffset its last offset
 * @param committed whether every file of the batch is committed
 * @param files the final paths of the batch's files, as strings
 */
public record BatchJournal(
    @JsonProperty("first_offset") long firstOffset,
    @JsonProperty("last_offset") long lastOffset,
    @JsonProperty("committed") boolean committed,
    @JsonProperty("files") List<String> files) {

  private static final Logger LOG = LoggerFactory.getLogger(BatchJournal.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern VERSION = Pattern.compile("(\\d{20})\\.json");

  /** This batch, committed up to {@code last}. */
  public BatchJournal committedAt(long last) {
    return new BatchJournal(firstOffset, last, true, files);
  }

  /** The offset to resume from: after a committed batch, or at the start of an open one. */
  public long resumeOffset() {
    return committed ? lastOffset + 1 : firstOffset;
  }

  /**
   * What a journal directory holds.
   *
   * @param journal the newest version that parses, or null
   * @param damaged how many newer versions could not be read
   */
  public record Found(BatchJournal journal, int damaged) {
  }

  /** Reads the newest readable version in {@code dir}; {@code legacy} is the single file of older consumers. */
  public static Found read(FileSystem fs, Path dir, Path legacy) throws IOException {
    int damaged = 0;
    List<Path> candidates = new ArrayList<>(versions(fs, dir));
    if (fs.exists(legacy)) {
      candidates.add(legacy);
    }
    for (Path path : candidates) {
      try (InputStream in = fs.open(path)) {
        BatchJournal journal = MAPPER.readValue(in, BatchJournal.class);
        if (journal.files() == null) {
          throw new IOException("no 'files'");
        }
        return new Found(journal, damaged);
      } catch (IOException e) {
        damaged++;
        LOG.warn("journal {} is damaged, skipping it: {}", path, e.getMessage());
      }
    }
    return new Found(null, damaged);
  }

  /** The numbered versions in {@code dir}, newest first. */
  private static List<Path> versions(FileSystem fs, Path dir) throws IOException {
    if (!fs.exists(dir)) {
      return List.of();
    }
    List<Path> versions = new ArrayList<>();
    for (FileStatus status : fs.listStatus(dir)) {
      if (status.isFile() && VERSION.matcher(status.getPath().getName()).matches()) {
        versions.add(status.getPath());
      }
    }
    versions.sort(Comparator.comparing(Path::getName).reversed());
    return versions;
  }

  private static long sequence(Path version) {
    Matcher m = VERSION.matcher(version.getName());
    return m.matches() ? Long.parseLong(m.group(1)) : 0;
  }

  /**
   * Writes this journal as the next version in {@code dir}, durably and atomically, then deletes the older ones.
   * {@code steps} hears {@code journal-staged} (synced, not yet visible) and {@code journal-renamed} (visible, older
   * versions not yet deleted).
   */
  public void write(FileSystem fs, Path dir, ClickstreamConsumer.Steps steps) throws IOException {
    List<Path> older = versions(fs, dir);
    long next = older.isEmpty() ? 1 : sequence(older.get(0)) + 1;
    Path target = new Path(dir, String.format("%020d.json", next));
    Path tmp = new Path(dir, "_" + target.getName() + ".tmp");
    fs.mkdirs(dir);
    try (FSDataOutputStream out = fs.create(tmp, true)) {
      out.write(MAPPER.writeValueAsBytes(this));
      out.hsync();
    }
    steps.after("journal-staged");
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
    steps.after("journal-renamed");
    for (Path old : older) {
      fs.delete(old, false);
    }
  }

  /** Deletes whatever a half-committed batch left: manifests first, then files. Returns how many. */
  public int undo(FileSystem fs) throws IOException {
    int deleted = 0;
    for (String name : files) {
      Path file = new Path(name);
      for (Path p : List.of(Manifest.pathOf(file), file)) {
        if (fs.delete(p, false)) {
          deleted++;
        }
      }
    }
    return deleted;
  }
}
