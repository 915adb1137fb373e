package io.reco.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.ingest.transactions.TransactionsLanding;
import io.reco.records.InvalidRecordException;
import io.reco.records.TransactionRows;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The changes of the shop's orders and order-items tables, landed as the raw zone's transaction files, so that the
 * orders job reads them as it reads delivered files and keeps, of each order and item, the version of the latest
 * change (a delete removes it). A row with a {@code line_number} is an item, any other an order; each is written
 * with the columns of its kind ({@link TransactionRows.Kind}) plus the change's op and source position
 * ({@link TransactionRows#CHANGE_OP}, {@link TransactionRows#CHANGE_POSITION}), under the date of its
 * {@code ordered_at} (ISO-8601 text or epoch milliseconds, Debezium's {@code time.precision.mode=connect}); an item
 * row without one takes the change's commit time. A delete is checked like any other row, so the tables need full
 * before-images (Postgres {@code REPLICA IDENTITY FULL}, MySQL {@code binlog_row_image=FULL}).
 *
 * <p>One poll's rows of one partition go to one file per kind and date,
 * {@code transactions/dt=/<kind>-<topic>-<partition>-<first offset>.csv} with its manifest, rewritten whole on a
 * replay from the same committed offset.
 */
public final class OrderChanges {
  private static final List<String> ORDER_COLUMNS = List.of("order_id", "customer_id", TransactionRows.TIMESTAMP,
      "status", "currency", "country");

  /** One change as a transaction row: its kind, the epoch ms of its ordered_at and its values. */
  public record Line(TransactionRows.Kind kind, long time, List<String> values) {
  }

  private record Open(RawFileWriter writer, Map<String, Object> source) {
  }

  private final Map<String, Open> files = new LinkedHashMap<>();
  private final RawZone zone;
  private final FileSystem fs;

  /** The poll files of {@code zone}'s transactions. */
  public OrderChanges(FileSystem fs, RawZone zone) {
    this.fs = fs;
    this.zone = zone;
  }

  /** The transaction row of one change message; null for a tombstone. */
  public static Line parse(byte[] value) throws RowChange.Invalid {
    RowChange change = RowChange.parse(value, "order_id");
    if (change == null) {
      return null;
    }
    JsonNode row = change.row();
    TransactionRows.Kind kind = row.has("line_number") ? TransactionRows.Kind.ORDER_ITEMS
        : TransactionRows.Kind.ORDERS;
    List<String> header = header(kind);
    List<String> values = new ArrayList<>(header.size());
    for (String column : header.subList(0, header.size() - 2)) {
      JsonNode field = row.path(column);
      values.add(field.isValueNode() && !field.isNull() ? field.asText() : "");
    }
    int at = header.indexOf(TransactionRows.TIMESTAMP);
    if (values.get(at).isEmpty() && kind == TransactionRows.Kind.ORDER_ITEMS && change.time() > 0) {
      values.set(at, Instant.ofEpochMilli(change.time()).toString());
    }
    values.add(change.op());
    values.add(Long.toString(change.position()));
    try {
      return new Line(kind, TransactionRows.check(kind, header, values), values);
    } catch (InvalidRecordException e) {
      throw new RowChange.Invalid(e.reason(), e.field(), e.getMessage());
    }
  }

  /** The columns of a kind's files: those of its delivered files, then the change's op and position. */
  public static List<String> header(TransactionRows.Kind kind) {
    List<String> header = new ArrayList<>(kind == TransactionRows.Kind.ORDERS ? ORDER_COLUMNS : kind.required());
    header.add(TransactionRows.CHANGE_OP);
    header.add(TransactionRows.CHANGE_POSITION);
    return header;
  }

  /** Adds a line of the partition {@code topic}-{@code partition} read at {@code offset} to its poll's file. */
  public void add(Line line, String topic, int partition, long offset) throws IOException {
    LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(line.time()), ZoneOffset.UTC);
    String key = date + "/" + line.kind().fileName() + "-" + topic + "-" + partition;
    Open file = files.get(key);
    if (file == null) {
      RawFileWriter writer = RawFileWriter.create(fs, new Path(RawZone.datePartition(zone.transactions(), date),
          line.kind().fileName() + "-" + topic + "-" + partition + "-" + offset + ".csv"));
      writer.writeHeader(TransactionsLanding.csvLine(header(line.kind())));
      file = new Open(writer, Map.of("topic", topic, "partition", partition, "first_offset", offset, "kind",
          line.kind().fileName()));
      files.put(key, file);
    }
    file.writer().write(TransactionsLanding.csvLine(line.values()), line.time());
  }

  /** Commits the poll's files with their manifests; the next poll starts new ones. */
  public void commit(Clock clock) throws IOException {
    for (Open file : files.values()) {
      file.writer().commit("transactions", file.source(), clock);
    }
    files.clear();
  }

  /** Drops the poll's uncommitted files. */
  public void abort() throws IOException {
    for (Open file : files.values()) {
      file.writer().abort();
    }
    files.clear();
  }
}
