package io.reco.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.schema.avro.EventType;
import io.reco.schema.avro.InteractionEvent;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The canonical JSON-lines form of {@link InteractionEvent}: one JSON object per line, field names as in the Avro
 * schema, {@code timestamp} in UTC epoch milliseconds, optional fields omitted when absent.
 */
public final class EventJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private EventJson() {
  }

  /** Parses one line; the exception names the field at fault. */
  public static InteractionEvent parse(String line) throws InvalidRecordException {
    try {
      return fromTree(MAPPER.readTree(line));
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null,
          "not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Parses one line of UTF-8 bytes, as a message queue delivers it; invalid UTF-8 is malformed JSON. */
  public static InteractionEvent parse(byte[] utf8) throws InvalidRecordException {
    try {
      return fromTree(MAPPER.readTree(utf8));
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null,
          "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "unreadable: " + e.getMessage());
    }
  }

  private static InteractionEvent fromTree(JsonNode node) throws InvalidRecordException {
    if (node == null || !node.isObject()) {
      throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "not a JSON object");
    }
    String eventId = requiredId(node, "event_id");
    String userId = requiredId(node, "user_id");
    String productId = requiredId(node, "product_id");
    EventType type = eventType(node);
    long timestamp = requiredLong(node, "timestamp");
    String sessionId = requiredId(node, "session_id");
    JsonNode rating = optional(node, "rating");
    Float ratingValue = rating == null ? null : (float) number(rating, "rating");
    JsonNode price = optional(node, "price");
    Double priceValue = price == null ? null : number(price, "price");
    JsonNode quantity = optional(node, "quantity");
    if (quantity != null && (!quantity.canConvertToInt() || !quantity.isIntegralNumber())) {
      throw InvalidRecordException.wrongType("quantity", "an integer", quantity);
    }
    // The all-arguments constructor: Avro's builder costs a third of the parse on the ingest path.
    return new InteractionEvent(eventId, userId, productId, type, timestamp, sessionId, ratingValue, priceValue,
        quantity == null ? null : quantity.intValue(),
        optionalText(node, "order_id"), optionalText(node, "device_type"), optionalText(node, "page_context"),
        optionalText(node, "referrer"), metadata(node));
  }

  /** Writes contract records (events, products, customers) as JSON lines; not thread-safe. */
  public static final class LineWriter implements AutoCloseable {
    private final Writer out;
    private final JsonGenerator json;

    /** Writes to {@code out}; closing this closes it. */
    public LineWriter(Writer out) throws IOException {
      this.out = out;
      this.json = FACTORY.createGenerator(out);
      this.json.setRootValueSeparator(null);
    }

    /** Writes one record and a newline. */
    public void write(SpecificRecord record) throws IOException {
      RecordJson.write(record, json);
      json.flush();
      out.write('\n');
    }

    @Override
    public void close() throws IOException {
      json.close();
      out.close();
    }
  }

  private static EventType eventType(JsonNode node) throws InvalidRecordException {
    String text = requiredId(node, "event_type");
    try {
      return EventType.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException(RejectReason.UNKNOWN_EVENT_TYPE, "event_type",
          "event_type '" + text + "' is not one of view, click, add_to_cart, remove_from_cart, purchase");
    }
  }

  private static String requiredId(JsonNode node, String field) throws InvalidRecordException {
    JsonNode value = optional(node, field);
    if (value == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, field, "required field '" + field + "' missing");
    }
    if (value.isTextual()) {
      String text = value.textValue().trim();
      if (text.isEmpty()) {
        throw new InvalidRecordException(RejectReason.MISSING_FIELD, field, "required field '" + field + "' empty");
      }
      if (text.chars().anyMatch(Character::isISOControl)) {
        throw new InvalidRecordException(RejectReason.INVALID_ID, field,
            "field '" + field + "' holds control characters (tab, newline...)");
      }
      return text;
    }
    if (value.isIntegralNumber()) {
      return value.asText();
    }
    throw InvalidRecordException.wrongType(field, "a string or an integer", value);
  }

  private static long requiredLong(JsonNode node, String field) throws InvalidRecordException {
    JsonNode value = optional(node, field);
    if (value == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, field, "required field '" + field + "' missing");
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw InvalidRecordException.wrongType(field, "epoch milliseconds as an integer", value);
    }
    return value.longValue();
  }

  private static JsonNode optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private static double number(JsonNode value, String field) throws InvalidRecordException {
    if (!value.isNumber()) {
      throw InvalidRecordException.wrongType(field, "a number", value);
    }
    return value.doubleValue();
  }

  private static String optionalText(JsonNode node, String field) throws InvalidRecordException {
    JsonNode value = optional(node, field);
    if (value == null) {
      return null;
    }
    if (!value.isValueNode() || value.isBoolean()) {
      throw InvalidRecordException.wrongType(field, "a string", value);
    }
    return value.asText();
  }

  private static Map<String, String> metadata(JsonNode node) throws InvalidRecordException {
    JsonNode value = optional(node, "metadata");
    Map<String, String> out = new HashMap<>();
    if (value == null) {
      return out;
    }
    if (!value.isObject()) {
      throw InvalidRecordException.wrongType("metadata", "an object of strings", value);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!f.getValue().isNull()) {
        out.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
      }
    }
    return out;
  }
}
