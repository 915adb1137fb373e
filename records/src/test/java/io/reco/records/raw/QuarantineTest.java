package io.reco.records.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class QuarantineTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void invalidUtf8IsKeptAsTheExactBytesInBase64() throws Exception {
    byte[] buffer = {'x', '{', '"', 'u', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}', 'y'};
    JsonNode line = MAPPER.readTree(Quarantine.record("INVALID_ENCODING", null, "f:1", "not valid UTF-8", buffer, 1,
        buffer.length - 2));
    assertArrayEquals(Arrays.copyOfRange(buffer, 1, buffer.length - 1),
        Base64.getDecoder().decode(line.get("record_base64").asText()));
  }

  @Test
  void invalidUtf8HasNoTextRecord() throws Exception {
    byte[] bytes = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    JsonNode line = MAPPER.readTree(Quarantine.record("INVALID_ENCODING", null, "f:1", "m", bytes, 0, bytes.length));
    assertFalse(line.has("record"), line.toString());
  }

  @Test
  void validUtf8IsKeptAsText() throws Exception {
    byte[] bytes = "{\"user_id\":\"日本\"}".getBytes(StandardCharsets.UTF_8);
    JsonNode line = MAPPER.readTree(Quarantine.record("DUPLICATE_KEY", "user_id", "f:1", "m", bytes, 0,
        bytes.length));
    assertEquals("{\"user_id\":\"日本\"}", line.get("record").asText());
  }

  @Test
  void validUtf8HasNoBase64Record() throws Exception {
    byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
    JsonNode line = MAPPER.readTree(Quarantine.record("MISSING_FIELD", "event_id", "f:1", "m", bytes, 0, 2));
    assertFalse(line.has("record_base64"), line.toString());
  }

  @Test
  void theReasonFieldSourceAndMessageAreWrittenBesideTheBytes() throws Exception {
    byte[] bytes = {(byte) 0xFF};
    JsonNode line = MAPPER.readTree(Quarantine.record("INVALID_ENCODING", "user_id", "t-0@7", "bad", bytes, 0, 1));
    assertEquals("INVALID_ENCODING user_id t-0@7 bad", line.get("reason").asText() + " "
        + line.get("field").asText() + " " + line.get("source").asText() + " " + line.get("message").asText());
    assertTrue(line.has("record_base64"));
  }
}
