package io.reco.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.RejectReason;
import java.io.IOException;

/**
 * One row-level change of a shop's table in the Debezium envelope:
 * {@code {"before":{...},"after":{...},"source":{...},"op":"c|u|d|r","ts_ms":...}}, bare or under
 * {@code "payload"} (the JSON converter with schemas). A delete ({@code "op":"d"}) carries its row in
 * {@code before}, the others in {@code after}. What every kind of change ({@link ItemChange}, a customer's) reads
 * first.
 *
 * <p>The source position orders the changes of one database: Postgres' {@code lsn}, Oracle's {@code scn}, MySQL's
 * binlog {@code file} and {@code pos} (the file's sequence number in the high 32 bits). The time is the source's
 * commit time ({@code source.ts_ms}), else the connector's ({@code ts_ms}).
 *
 * @param row the row after the change, or before a delete
 * @param id the row's id, from the field the kind of change names
 * @param time epoch ms, or 0 when the envelope names none
 */
public record RowChange(String op, boolean deleted, JsonNode row, String id, long position, long time, String table) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A message that is no change: its reason code, the field at fault and what is wrong. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    /** The reason code. */
    public final RejectReason reason;
    /** The field at fault, or null. */
    public final String field;

    Invalid(RejectReason reason, String field, String message) {
      super(message);
      this.reason = reason;
      this.field = field;
    }
  }

  /** The change in {@code value}, its id read from {@code idField}; null for a tombstone (an empty message). */
  static RowChange parse(byte[] value, String idField) throws Invalid {
    if (value == null || value.length == 0) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Invalid(RejectReason.MALFORMED_JSON, null, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Invalid(RejectReason.MALFORMED_JSON, null, "not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Invalid(RejectReason.MALFORMED_JSON, null, "a change event is a JSON object");
    }
    JsonNode envelope = root.has("payload") && root.get("payload").isObject() ? root.get("payload") : root;
    String op = envelope.path("op").asText("");
    boolean deleted;
    JsonNode row;
    switch (op) {
      case "c", "u", "r" -> {
        deleted = false;
        row = envelope.path("after");
      }
      case "d" -> {
        deleted = true;
        row = envelope.path("before");
      }
      default -> throw new Invalid(RejectReason.INVALID_VALUE, "op", "op is c, u, r or d (create, update, snapshot"
          + " read, delete), was '" + op + "'");
    }
    if (!row.isObject()) {
      throw new Invalid(RejectReason.MISSING_FIELD, deleted ? "before" : "after", "a change with op '" + op
          + "' carries the row under '" + (deleted ? "before" : "after") + "'");
    }
    JsonNode source = envelope.path("source");
    long position = position(source);
    JsonNode id = row.path(idField);
    if (!(id.isTextual() && !id.textValue().isBlank() || id.isIntegralNumber())) {
      throw new Invalid(RejectReason.MISSING_FIELD, idField, "the row has no id '" + idField + "'");
    }
    long time = source.path("ts_ms").isIntegralNumber() ? source.path("ts_ms").longValue()
        : envelope.path("ts_ms").asLong(0);
    return new RowChange(op, deleted, row, id.asText(), position, time, source.path("table").asText(null));
  }

  /** The change's source position, comparable among the changes of one database. */
  static long position(JsonNode source) throws Invalid {
    if (!source.isObject()) {
      throw new Invalid(RejectReason.MISSING_FIELD, "source", "a change event names its 'source' and position in it");
    }
    JsonNode lsn = source.path("lsn");
    if (lsn.isIntegralNumber() && lsn.longValue() >= 0) {
      return lsn.longValue();
    }
    JsonNode scn = source.path("scn");
    if (scn.isTextual() && scn.textValue().matches("\\d{1,18}") || scn.isIntegralNumber()) {
      return Long.parseLong(scn.asText());
    }
    JsonNode file = source.path("file");
    JsonNode pos = source.path("pos");
    if (file.isTextual() && pos.isIntegralNumber()) {
      String name = file.textValue();
      int dot = name.lastIndexOf('.');
      try {
        long sequence = Long.parseLong(name.substring(dot + 1));
        if (sequence < (1L << 31) && pos.longValue() >= 0 && pos.longValue() < (1L << 32)) {
          return (sequence << 32) | pos.longValue();
        }
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        // answered below
      }
      throw new Invalid(RejectReason.INVALID_VALUE, "source.file", "a binlog file name ends in its sequence number,"
          + " such as mysql-bin.000003; was '" + name + "'");
    }
    throw new Invalid(RejectReason.MISSING_FIELD, "source", "the source names no position: lsn (Postgres), scn"
        + " (Oracle), or file and pos (MySQL)");
  }
}
