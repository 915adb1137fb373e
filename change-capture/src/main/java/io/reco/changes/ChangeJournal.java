package io.reco.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The changes to master data the change consumer lands in the raw zone, for the entity's next snapshot
 * ({@link SnapshotMerge}): {@code changes/<entity>/dt=<day>/<topic>-<partition>-<first offset>.jsonl}, one JSON line
 * per change, each file committed with its manifest before the poll's offsets are committed to Kafka. A replay
 * starts from the same committed offset and rewrites the file of that name whole; a change landed twice is the same
 * change (same id and source position) and counts once in the merge. A customer's line holds the canonical record,
 * its e-mail address hashed as in the customers export: no address reaches the raw zone.
 */
final class ChangeJournal {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChangeJournal() {
  }

  /** What one change does to its entity's row. */
  enum Op {
    /** The whole record, replacing the row or adding it. */
    UPSERT,
    /** Some fields of the row (price, stock, active), the rest as it was. */
    PATCH,
    /** The row is gone from the shop's database. */
    DELETE
  }

  /** One journaled change: the row's id, the source position and commit time, and the record or fields. */
  record Entry(String id, Op op, long position, long time, JsonNode fields) {
    /** Whether this change comes after {@code other} in the source. */
    boolean after(Entry other) {
      return position != other.position ? position > other.position : time > other.time;
    }

    String toJson() {
      ObjectNode line = JSON.createObjectNode();
      line.put("id", id);
      line.put("op", op.name().toLowerCase(java.util.Locale.ROOT));
      line.put("position", position);
      line.put("time", time);
      if (fields != null) {
        line.set("fields", fields);
      }
      return line.toString();
    }

    static Entry parse(String line) throws IOException {
      JsonNode json = JSON.readTree(line);
      JsonNode fields = json.get("fields");
      return new Entry(json.path("id").asText(), Op.valueOf(json.path("op").asText().toUpperCase(
          java.util.Locale.ROOT)), json.path("position").asLong(), json.path("time").asLong(),
          fields == null || fields.isNull() ? null : fields);
    }
  }

  /** The journal file of one poll's changes of {@code entity} from one partition. */
  static Path file(RawZone zone, String entity, LocalDate day, String topic, int partition, long firstOffset) {
    return new Path(RawZone.datePartition(zone.changes(entity), day), topic + "-" + partition + "-" + firstOffset
        + ".jsonl");
  }

  /** Writes and commits {@code entries} to {@code file}, replacing what a replayed poll wrote there. */
  static void write(FileSystem fs, Path file, List<Entry> entries, Map<String, Object> source, Clock clock)
      throws IOException {
    try (RawFileWriter writer = RawFileWriter.create(fs, file)) {
      for (Entry e : entries) {
        writer.write(e.toJson(), e.time());
      }
      writer.commit("changes", source, clock);
    }
  }

  /** Every committed change of {@code entity} landed on or after {@code since}, in file order. */
  static List<Entry> read(FileSystem fs, RawZone zone, String entity, LocalDate since) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Path dir = zone.changes(entity);
    if (!fs.exists(dir)) {
      return entries;
    }
    List<FileStatus> days = new ArrayList<>(List.of(fs.listStatus(dir, p -> p.getName().startsWith("dt="))));
    days.sort(null);
    for (FileStatus day : days) {
      if (RawZone.dateOf(day.getPath()).isBefore(since)) {
        continue;
      }
      List<FileStatus> files = new ArrayList<>(List.of(fs.listStatus(day.getPath(),
          p -> p.getName().endsWith(".jsonl") && !p.getName().startsWith("."))));
      files.sort(null);
      for (FileStatus file : files) {
        if (!fs.exists(Manifest.pathOf(file.getPath()))) {
          continue; // not committed
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file.getPath()),
            StandardCharsets.UTF_8))) {
          in.lines().filter(l -> !l.isBlank()).forEach(l -> {
            try {
              entries.add(Entry.parse(l));
            } catch (IOException e) {
              throw new UncheckedIOException(file.getPath() + ": " + e.getMessage(), e);
            }
          });
        }
      }
    }
    return entries;
  }
}
