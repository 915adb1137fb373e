package io.reco.ingest.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the items of one pull and turns each into one flat JSON line: the item as it came, with
 * {@code product_id} as a trimmed string. An item must be an object with a {@code product_id} (a string or an
 * integer, no control characters); {@code popularity} and {@code sentiment}, when present, must be numbers and
 * {@code trend} a string. Other fields pass through. A product seen earlier in the same pull is a duplicate; the
 * first one is kept. Not thread-safe.
 */
public final class MetadataItems {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> firstSeen = new HashMap<>();

  /** The line to write for {@code item}, found at {@code location}; the exception says why it is rejected. */
  public String line(JsonNode item, String location) throws InvalidRecordException {
    if (!item.isObject()) {
      throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "item is not a JSON object");
    }
    String id = productId(item.get("product_id"));
    number(item, "popularity");
    number(item, "sentiment");
    JsonNode trend = item.get("trend");
    if (trend != null && !trend.isNull() && !trend.isTextual()) {
      throw InvalidRecordException.wrongType("trend", "a string", trend);
    }
    String first = firstSeen.putIfAbsent(id, location);
    if (first != null) {
      throw new InvalidRecordException(RejectReason.DUPLICATE_ID, "product_id",
          "product_id '" + id + "' already came at " + first + ", which is kept");
    }
    ObjectNode out = ((ObjectNode) item).deepCopy();
    out.put("product_id", id);
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always serialises", e);
    }
  }

  /** {@code item} as one line of JSON, for the quarantine. */
  public static String text(JsonNode item) {
    return item.toString();
  }

  private static String productId(JsonNode value) throws InvalidRecordException {
    if (value == null || value.isNull() || value.isTextual() && value.textValue().isBlank()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "product_id", "item has no product_id");
    }
    if (value.isIntegralNumber()) {
      return value.asText();
    }
    if (!value.isTextual()) {
      throw InvalidRecordException.wrongType("product_id", "a string or an integer", value);
    }
    String id = value.textValue().trim();
    if (id.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRecordException(RejectReason.INVALID_ID, "product_id",
          "product_id holds control characters (tab, newline...)");
    }
    return id;
  }

  private static void number(JsonNode item, String field) throws InvalidRecordException {
    JsonNode value = item.get(field);
    if (value != null && !value.isNull() && !value.isNumber()) {
      throw InvalidRecordException.wrongType(field, "a number", value);
    }
  }
}
