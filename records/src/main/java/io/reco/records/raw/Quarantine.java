package io.reco.records.raw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The quarantine record: a JSON line with the reason code, the field at fault, where the record came from
 * ({@code file:line}, {@code file:byteOffset}, {@code topic-partition@offset}), a readable message and the
 * record exactly as it arrived.
 */
public final class Quarantine {
  /** Name of the quarantine output of a job. */
  public static final String OUTPUT = "quarantine";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Quarantine() {
  }

  /** One quarantine line. */
  public static String record(String reason, String field, String source, String message, String raw) {
    ObjectNode node = MAPPER.createObjectNode()
        .put("reason", reason)
        .put("field", field)
        .put("source", source)
        .put("message", message)
        .put("record", raw);
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }
}
