package io.reco.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The canonical JSON-lines form of {@link InteractionEvent}: one JSON object per line, field names as in the Avro
 * schema, {@code timestamp} in UTC epoch milliseconds, optional fields omitted when absent.
 *
 * <p>Reading normalises what senders vary in: ids and texts are trimmed, an empty optional text is absent,
 * {@code event_type} is matched without regard to case ({@code Add-To-Cart} is {@code add_to_cart}),
 * {@code device_type} and {@code page_context} are lower-cased, and a timestamp given as ISO-8601 with a zone offset
 * is converted to UTC epoch milliseconds (one without an offset is rejected: its zone is unknown).
 */
public final class EventJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  /** The schema's fields, in the order they are checked; the indexes below point into it. */
  private static final List<String> NAMES = List.of("event_id", "user_id", "product_id", "event_type", "timestamp",
      "session_id", "rating", "price", "quantity", "order_id", "device_type", "page_context", "referrer", "metadata");
  private static final Map<String, Integer> FIELDS = positions(NAMES);
  private static final int EVENT_ID = 0;
  private static final int USER_ID = 1;
  private static final int PRODUCT_ID = 2;
  private static final int EVENT_TYPE = 3;
  private static final int TIMESTAMP = 4;
  private static final int SESSION_ID = 5;
  private static final int RATING = 6;
  private static final int PRICE = 7;
  private static final int QUANTITY = 8;
  private static final int ORDER_ID = 9;
  private static final int DEVICE_TYPE = 10;
  private static final int PAGE_CONTEXT = 11;
  private static final int REFERRER = 12;
  private static final int METADATA = 13;
  /** Event types as the schema spells them: the common case, found without normalising. */
  private static final Map<String, EventType> EXACT_TYPES = exactTypes();

  private EventJson() {
  }

  /** Parses one line; the exception names the field at fault. */
  public static InteractionEvent parse(String line) throws InvalidRecordException {
    return parse(() -> FACTORY.createParser(line));
  }

  /** Parses one line of UTF-8 bytes, as a message queue delivers it; invalid UTF-8 is malformed JSON. */
  public static InteractionEvent parse(byte[] utf8) throws InvalidRecordException {
    return parse(() -> FACTORY.createParser(utf8));
  }

  /** Parses one line of UTF-8 bytes, {@code length} bytes from {@code offset}, as a Hadoop {@code Text} holds it. */
  public static InteractionEvent parse(byte[] utf8, int offset, int length) throws InvalidRecordException {
    return parse(() -> FACTORY.createParser(utf8, offset, length));
  }

  /** Opens a parser over one line. */
  private interface LineParser {
    JsonParser open() throws IOException;
  }

  private static InteractionEvent parse(LineParser line) throws InvalidRecordException {
    try (JsonParser parser = line.open()) {
      return read(parser);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null,
          "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "unreadable: " + e.getMessage());
    }
  }

  /**
   * Streams one object, keeping the values of the schema's fields only (a later duplicate wins, as in a tree), then
   * checks them in the schema's order, so the first defect reported does not depend on the order of the keys.
   */
  private static InteractionEvent read(JsonParser parser) throws IOException, InvalidRecordException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "not a JSON object");
    }
    JsonNode[] values = new JsonNode[FIELDS.size()];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      Integer index = FIELDS.get(parser.currentName());
      JsonToken token = parser.nextToken();
      if (index == null) {
        parser.skipChildren();
      } else {
        values[index] = token == JsonToken.VALUE_NULL ? null : value(parser, token);
      }
    }
    String eventId = requiredId(values, EVENT_ID);
    String userId = requiredId(values, USER_ID);
    String productId = requiredId(values, PRODUCT_ID);
    EventType type = eventType(values);
    long timestamp = timestamp(values);
    String sessionId = requiredId(values, SESSION_ID);
    JsonNode rating = values[RATING];
    Float ratingValue = rating == null ? null : (float) number(rating, "rating");
    JsonNode price = values[PRICE];
    Double priceValue = price == null ? null : number(price, "price");
    JsonNode quantity = values[QUANTITY];
    if (quantity != null && (!quantity.canConvertToInt() || !quantity.isIntegralNumber())) {
      throw InvalidRecordException.wrongType("quantity", "an integer", quantity);
    }
    // The all-arguments constructor: Avro's builder costs a third of the parse on the ingest path.
    return new InteractionEvent(eventId, userId, productId, type, timestamp, sessionId, ratingValue, priceValue,
        quantity == null ? null : quantity.intValue(), optionalText(values, ORDER_ID),
        optionalText(values, DEVICE_TYPE), optionalText(values, PAGE_CONTEXT), optionalText(values, REFERRER),
        metadata(values[METADATA]));
  }

  private static Map<String, EventType> exactTypes() {
    Map<String, EventType> types = new HashMap<>();
    for (EventType type : EventType.values()) {
      types.put(type.name(), type);
    }
    return Map.copyOf(types);
  }

  private static Map<String, Integer> positions(List<String> names) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      positions.put(names.get(i), i);
    }
    return Map.copyOf(positions);
  }

  /** The value at the parser as a node; scalars without building a tree. */
  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> TextNode.valueOf(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> IntNode.valueOf(parser.getIntValue());
        case LONG -> LongNode.valueOf(parser.getLongValue());
        default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> DoubleNode.valueOf(parser.getDoubleValue());
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      default -> parser.readValueAsTree();
    };
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

  private static EventType eventType(JsonNode[] values) throws InvalidRecordException {
    String text = requiredId(values, EVENT_TYPE);
    EventType exact = EXACT_TYPES.get(text);
    if (exact != null) {
      return exact;
    }
    try {
      return EventType.valueOf(text.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException(RejectReason.UNKNOWN_EVENT_TYPE, "event_type",
          "event_type '" + text + "' is not one of view, click, add_to_cart, remove_from_cart, purchase");
    }
  }

  private static String requiredId(JsonNode[] values, int index) throws InvalidRecordException {
    String field = NAMES.get(index);
    JsonNode value = values[index];
    if (value == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, field, "required field '" + field + "' missing");
    }
    if (value.isTextual()) {
      String text = value.textValue().trim();
      if (text.isEmpty()) {
        throw new InvalidRecordException(RejectReason.MISSING_FIELD, field, "required field '" + field + "' empty");
      }
      if (hasControlCharacter(text)) {
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

  /** Epoch milliseconds, or an ISO-8601 time with a zone offset ({@code Z}, {@code +02:00}) converted to UTC. */
  private static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static long timestamp(JsonNode[] values) throws InvalidRecordException {
    JsonNode value = values[TIMESTAMP];
    if (value == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "timestamp", "required field 'timestamp' missing");
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isTextual()) {
      String text = value.textValue().trim();
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        try {
          LocalDateTime.parse(text);
          throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, "timestamp",
              "timestamp '" + text + "' has no zone offset, so it cannot be converted to UTC");
        } catch (DateTimeParseException notLocal) {
          // neither: the type is wrong
        }
      }
    }
    throw InvalidRecordException.wrongType("timestamp", "epoch milliseconds, or ISO-8601 with a zone offset", value);
  }

  private static double number(JsonNode value, String field) throws InvalidRecordException {
    if (!value.isNumber()) {
      throw InvalidRecordException.wrongType(field, "a number", value);
    }
    return value.doubleValue();
  }

  private static String optionalText(JsonNode[] values, int index) throws InvalidRecordException {
    String field = NAMES.get(index);
    JsonNode value = values[index];
    if (value == null) {
      return null;
    }
    if (!value.isValueNode() || value.isBoolean()) {
      throw InvalidRecordException.wrongType(field, "a string", value);
    }
    String text = value.asText().trim();
    if (text.isEmpty()) {
      return null;
    }
    return index == DEVICE_TYPE || index == PAGE_CONTEXT ? text.toLowerCase(Locale.ROOT) : text;
  }

  private static Map<String, String> metadata(JsonNode value) throws InvalidRecordException {
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
