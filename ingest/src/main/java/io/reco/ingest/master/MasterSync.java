package io.reco.ingest.master;

import io.reco.records.InvalidRecordException;
import io.reco.records.RecordJson;
import io.reco.records.RejectReason;
import io.reco.records.raw.Quarantine;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * Validates every row of one export: each valid row becomes one canonical JSON line ({@link RecordJson}), each
 * invalid one a {@link Quarantine} line with its reason, location and masked text. Within one export an id counts
 * once: the first valid row with it is kept, later ones are rejected as {@link RejectReason#DUPLICATE_ID}.
 * Every row read is either written or rejected, and {@link #sync} checks it.
 */
public final class MasterSync {
  /** Where lines go: the snapshot file, the quarantine file. */
  @FunctionalInterface
  public interface LineSink {
    /** Writes one line, without its newline. */
    void write(String line) throws IOException;
  }

  /**
   * What one sync did; {@code rowsRead == written + rejected}.
   *
   * @param rejected rejected rows by reason, in the order of {@link RejectReason}
   */
  public record Counts(long rowsRead, long written, Map<RejectReason, Long> rejected) {
    /** Rejected rows of all reasons. */
    public long rejectedTotal() {
      return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The share of rows rejected, 0 for an empty export. */
    public double rejectedFraction() {
      return rowsRead == 0 ? 0 : (double) rejectedTotal() / rowsRead;
    }

    /** {@code 10 rows read = 7 written + 3 rejected (DUPLICATE_ID 1, MISSING_FIELD 2)}. */
    @Override
    public String toString() {
      return rowsRead + " rows read = " + written + " written + " + rejectedTotal() + " rejected"
          + (rejected.isEmpty() ? "" : rejected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", ", " (", ")")));
    }
  }

  private MasterSync() {
  }

  /** Reads every row of {@code export}, writing records to {@code records} and rejects to {@code quarantine}. */
  public static Counts sync(ExportReader export, MasterEntity entity, MasterRecordParser parser, LineSink records,
                            LineSink quarantine) throws IOException {
    Map<String, String> firstSeen = new HashMap<>();
    Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    long read = 0;
    long written = 0;
    for (ExportRow row = export.next(); row != null; row = export.next()) {
      read++;
      try {
        if (row.error() != null) {
          throw row.error();
        }
        SpecificRecord record = parser.parse(row.fields());
        String id = record.get(record.getSchema().getField(entity.idField()).pos()).toString();
        String first = firstSeen.putIfAbsent(id, row.location());
        if (first != null) {
          throw new InvalidRecordException(RejectReason.DUPLICATE_ID, entity.idField(), entity.idField() + " '" + id
              + "' already came at " + first + ", which is kept");
        }
        records.write(RecordJson.toJson(record));
        written++;
      } catch (InvalidRecordException e) {
        rejected.merge(e.reason(), 1L, Long::sum);
        String message = entity.hasPersonalData() ? EmailHasher.mask(e.getMessage()) : e.getMessage();
        quarantine.write(Quarantine.record(e.reason().name(), e.field(), row.location(), message, row.text()));
      }
    }
    Counts counts = new Counts(read, written, rejected);
    if (counts.rowsRead() != counts.written() + counts.rejectedTotal()) {
      throw new IllegalStateException("counts do not reconcile: " + counts);
    }
    return counts;
  }
}
