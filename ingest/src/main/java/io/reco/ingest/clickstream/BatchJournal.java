package io.reco.ingest.clickstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The consumer's record of the last batch of one topic partition, which makes a batch all-or-nothing. It names
 * every file of the batch before any is moved to its final place, and says "committed" only once every file has its
 * manifest. After a crash, a batch caught mid-commit is undone (its files and manifests deleted) and re-read from
 * its first offset; a committed batch is resumed after its last offset, whatever Kafka's committed offset says.
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

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** This batch, committed up to {@code last}. */
  public BatchJournal committedAt(long last) {
    return new BatchJournal(firstOffset, last, true, files);
  }

  /** The offset to resume from: after a committed batch, or at the start of an open one. */
  public long resumeOffset() {
    return committed ? lastOffset + 1 : firstOffset;
  }

  /** Reads the journal at {@code path}, or null when there is none. */
  public static BatchJournal read(FileSystem fs, Path path) throws IOException {
    if (!fs.exists(path)) {
      return null;
    }
    try (InputStream in = fs.open(path)) {
      return MAPPER.readValue(in, BatchJournal.class);
    }
  }

  /** Writes this journal to {@code path}, durably and atomically. */
  public void write(FileSystem fs, Path path) throws IOException {
    Path tmp = new Path(path.getParent(), path.getName() + ".tmp");
    try (FSDataOutputStream out = fs.create(tmp, true)) {
      out.write(MAPPER.writeValueAsBytes(this));
      out.hsync();
    }
    RawFiles.replace(fs, tmp, path);
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
