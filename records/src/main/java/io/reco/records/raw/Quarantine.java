package io.reco.records.raw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco.records.Utf8;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The quarantine record: a JSON line with the reason code, the field at fault, where the record came from
 * ({@code file:line}, {@code file:byteOffset}, {@code topic-partition@offset}), a readable message and the
 * record exactly as it arrived: as text under {@code record}, or, when its bytes are not valid UTF-8, as those
 * bytes in base64 under {@code record_base64}.
 */
public final class Quarantine {
  /** Name of the quarantine output of a job. */
  public static final String OUTPUT = "quarantine";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Quarantine() {
  }

  /** One quarantine line. */
  public static String record(String reason, String field, String source, String message, String raw) {
    return write(header(reason, field, source, message).put("record", raw));
  }

  /**
   * One quarantine line for a record that arrived as {@code length} bytes of {@code bytes} from {@code offset}:
   * its text when they are valid UTF-8, otherwise the exact bytes in base64, so that nothing is lost to decoding.
   */
  public static String record(String reason, String field, String source, String message, byte[] bytes, int offset,
      int length) {
    ObjectNode node = header(reason, field, source, message);
    if (Utf8.isValid(bytes, offset, length)) {
      node.put("record", new String(bytes, offset, length, StandardCharsets.UTF_8));
    } else {
      ByteBuffer base64 = Base64.getEncoder().encode(ByteBuffer.wrap(bytes, offset, length));
      node.put("record_base64", StandardCharsets.US_ASCII.decode(base64).toString());
    }
    return write(node);
  }

  private static ObjectNode header(String reason, String field, String source, String message) {
    return MAPPER.createObjectNode()
        .put("reason", reason)
        .put("field", field)
        .put("source", source)
        .put("message", message);
  }

  private static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }
}
