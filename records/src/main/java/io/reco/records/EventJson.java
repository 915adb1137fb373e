package io.reco.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.conf.Configuration;

/**
 * The canonical JSON-lines form of {@link InteractionEvent}: one JSON object per line, field names as in the Avro
 * schema, {@code timestamp} in UTC epoch milliseconds, optional fields omitted when absent.
 *
 * <p>Reading is strict, as the line comes from outside: exactly one object and nothing after it but white space,
 * no key twice (at the top or in {@code metadata}), well-formed UTF-8 only (overlong forms and encoded surrogates
 * included), and every line within the {@link EventLimits} (depth, lengths, metadata entries), checked while it
 * streams by. Ids are normalised to Unicode NFC and may hold no control, bidi control or zero-width character, no
 * U+FFFD and no unpaired surrogate, so that no id can pass for another.
 *
 * <p>Reading normalises what senders vary in: ids and texts are trimmed of spaces, an empty optional text is
 * absent, {@code event_type} is matched without regard to case ({@code Add-To-Cart} is {@code add_to_cart}),
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
  /** The fields whose texts are ids, as bits by index: they are bounded by the id length. */
  private static final int IDS = 1 << EVENT_ID | 1 << USER_ID | 1 << PRODUCT_ID | 1 << EVENT_TYPE | 1 << SESSION_ID
      | 1 << ORDER_ID;
  /** Event types as the schema spells them: the common case, found without normalising. */
  private static final Map<String, EventType> EXACT_TYPES = exactTypes();
  /** An explicit JSON {@code null}, told apart from an absent field. */
  private static final Object NULL = new Object();
  /** Jackson's advice to developers and source locations, cut from the messages users read. */
  private static final List<String> NOISE = List.of("enable JsonParser.Feature", "enable JsonReadFeature",
      " (start marker at", " (for Object starting at", " (for Array starting at", " (for root starting at",
      " (not recognized as one since", " at [Source", "[Source:");
  /** {@code ('x' (code 120))} and {@code 'x' (code 120)}: the character is enough. */
  private static final Pattern CHAR_CODE =
      Pattern.compile("\\(('.{1,2}') \\(code \\d+\\)\\)|('.{1,2}') \\(code \\d+\\)");
  /** {@code ((CTRL-CHAR, code 1))}: one pair of brackets is enough. */
  private static final Pattern CONTROL_CODE = Pattern.compile("\\(\\((CTRL-CHAR, code \\d+)\\)\\)");
  private static final Parser DEFAULT = new Parser(EventLimits.defaults());

  private EventJson() {
  }

  /** Parses one line within the declared {@link EventLimits}; the exception names the field at fault. */
  public static InteractionEvent parse(String line) throws InvalidRecordException {
    return DEFAULT.parse(line);
  }

  /** Parses one line of UTF-8 bytes, as a message queue delivers it, within the declared {@link EventLimits}. */
  public static InteractionEvent parse(byte[] utf8) throws InvalidRecordException {
    return DEFAULT.parse(utf8);
  }

  /**
   * Parses one line of UTF-8 bytes, {@code length} bytes from {@code offset}, as a Hadoop {@code Text} holds it,
   * within the declared {@link EventLimits}.
   */
  public static InteractionEvent parse(byte[] utf8, int offset, int length) throws InvalidRecordException {
    return DEFAULT.parse(utf8, offset, length);
  }

  /** A parser within the limits {@code conf} sets; the error names a setting that makes no sense. */
  public static Parser parser(Configuration conf) {
    return new Parser(EventLimits.from(conf));
  }

  /** A parser within {@code limits}. */
  public static Parser parser(EventLimits limits) {
    return new Parser(limits);
  }

  /** Reads event lines within a set of {@link EventLimits}; thread-safe. */
  public static final class Parser {
    private final EventLimits limits;
    private final int maxDepth;
    private final int maxNumberLength;
    private final int maxIdLength;
    private final int maxTextLength;
    private final int maxMetadataEntries;

    private Parser(EventLimits limits) {
      this.limits = limits;
      this.maxDepth = limits.maxDepth();
      this.maxNumberLength = limits.maxNumberLength();
      this.maxIdLength = limits.maxIdLength();
      this.maxTextLength = limits.maxTextLength();
      this.maxMetadataEntries = limits.maxMetadataEntries();
    }

    /** The limits this parser reads within. */
    public EventLimits limits() {
      return limits;
    }

    /** Parses one line; the exception names the field at fault. */
    public InteractionEvent parse(String line) throws InvalidRecordException {
      try (JsonParser parser = FACTORY.createParser(line)) {
        return read(parser);
      } catch (JsonProcessingException e) {
        throw malformed(e);
      } catch (IOException e) {
        throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "unreadable: " + e.getMessage());
      }
    }

    /** Parses one line of UTF-8 bytes, as a message queue delivers it; invalid UTF-8 is INVALID_ENCODING. */
    public InteractionEvent parse(byte[] utf8) throws InvalidRecordException {
      return parse(utf8, 0, utf8.length);
    }

    /** Parses one line of UTF-8 bytes, {@code length} bytes from {@code offset}, as a Hadoop {@code Text} holds it. */
    public InteractionEvent parse(byte[] utf8, int offset, int length) throws InvalidRecordException {
      checkEncoding(utf8, offset, length);
      try (JsonParser parser = FACTORY.createParser(utf8, offset, length)) {
        return read(parser);
      } catch (JsonProcessingException e) {
        throw malformed(e);
      } catch (IOException e) {
        throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "unreadable: " + e.getMessage());
      }
    }

    /**
     * Streams one object, keeping the values of the schema's fields only, then checks them in the schema's order,
     * so the first defect reported does not depend on the order of the keys; bounds and duplicates stop it at once.
     */
    private InteractionEvent read(JsonParser parser) throws IOException, InvalidRecordException {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "not a JSON object");
      }
      Object[] values = new Object[NAMES.size()];
      int seen = 0;
      Set<String> unknown = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        Integer index = FIELDS.get(name);
        JsonToken token = parser.nextToken();
        if (index == null) {
          if (unknown == null) {
            unknown = new HashSet<>();
          }
          if (!unknown.add(name)) {
            throw duplicate(shorten(name), "key '" + shorten(name) + "' appears twice");
          }
          skip(parser, token, shorten(name), 1);
        } else {
          int bit = 1 << index;
          if ((seen & bit) != 0) {
            throw duplicate(name, "key '" + name + "' appears twice");
          }
          seen |= bit;
          values[index] = index == METADATA && token == JsonToken.START_OBJECT ? metadata(parser)
              : value(parser, token, index);
        }
      }
      JsonToken after;
      try {
        after = parser.nextToken();
      } catch (JsonProcessingException e) {
        throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null,
            "not valid JSON: text after the object: " + readable(e.getOriginalMessage()));
      }
      if (after != null) {
        throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null,
            "not valid JSON: a second value after the object; a line holds one event");
      }
      return event(values);
    }

    /** The scalar at the parser, or a marker of a container (skipped within the depth). */
    private Object value(JsonParser parser, JsonToken token, int index) throws IOException, InvalidRecordException {
      String field = NAMES.get(index);
      switch (token) {
        case VALUE_STRING:
          boolean id = (IDS & 1 << index) != 0;
          checkLength(parser, field, id ? maxIdLength : maxTextLength,
              id ? EventLimits.MAX_ID_LENGTH : EventLimits.MAX_TEXT_LENGTH);
          return parser.getText();
        case VALUE_NUMBER_INT:
          checkNumber(parser, field);
          switch (parser.getNumberType()) {
            case INT:
              return Integer.valueOf(parser.getIntValue());
            case LONG:
              return Long.valueOf(parser.getLongValue());
            default:
              return parser.getBigIntegerValue();
          }
        case VALUE_NUMBER_FLOAT:
          checkNumber(parser, field);
          double number = parser.getDoubleValue();
          return Double.isInfinite(number) ? new NonFinite(parser.getText()) : Double.valueOf(number);
        case VALUE_TRUE:
          return Boolean.TRUE;
        case VALUE_FALSE:
          return Boolean.FALSE;
        case VALUE_NULL:
          return NULL;
        default:
          skip(parser, token, field, 1);
          return new Container(token == JsonToken.START_ARRAY ? "[...]" : "{...}");
      }
    }

    /** Skips the value at the parser, held by a container at {@code depth}, iteratively and within the bounds. */
    private void skip(JsonParser parser, JsonToken token, String field, int depth)
        throws IOException, InvalidRecordException {
      if (token.isNumeric()) {
        checkNumber(parser, field);
        return;
      }
      if (!token.isStructStart()) {
        return;
      }
      walk(parser, field, depth, null, null);
    }

    /** The metadata object at the parser, streamed into a map; a JSON null value leaves its key out. */
    private Map<String, String> metadata(JsonParser parser) throws IOException, InvalidRecordException {
      checkDepth("metadata", 2);
      Map<String, String> out = new HashMap<>();
      Set<String> nulls = null;
      int entries = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        if (++entries > maxMetadataEntries) {
          throw limit("metadata", "has more than " + maxMetadataEntries + " entries",
              EventLimits.MAX_METADATA_ENTRIES);
        }
        if (key.length() > maxTextLength) {
          throw limit("metadata", "has a key longer than " + maxTextLength + " characters",
              EventLimits.MAX_TEXT_LENGTH);
        }
        String value = metadataValue(parser, parser.nextToken());
        boolean twice;
        if (value == null) {
          if (nulls == null) {
            nulls = new HashSet<>();
          }
          twice = out.containsKey(key) || !nulls.add(key);
        } else {
          twice = out.put(key, value) != null || nulls != null && nulls.contains(key);
        }
        if (twice) {
          throw duplicate("metadata", "metadata key '" + shorten(key) + "' appears twice");
        }
      }
      return out;
    }

    /** A metadata value as text: a scalar's text, or a nested value's compact JSON; null for a JSON null. */
    private String metadataValue(JsonParser parser, JsonToken token) throws IOException, InvalidRecordException {
      switch (token) {
        case VALUE_NULL:
          return null;
        case VALUE_STRING:
          checkLength(parser, "metadata", maxTextLength, EventLimits.MAX_TEXT_LENGTH);
          return parser.getText();
        case VALUE_NUMBER_INT:
          checkNumber(parser, "metadata");
          return parser.getText();
        case VALUE_NUMBER_FLOAT:
          checkNumber(parser, "metadata");
          double number = parser.getDoubleValue();
          return Double.isInfinite(number) ? parser.getText() : String.valueOf(number);
        case VALUE_TRUE:
          return "true";
        case VALUE_FALSE:
          return "false";
        default:
          return copy(parser, "metadata", 2);
      }
    }

    /** Copies the container at the parser, held at {@code depth}, as compact JSON, iteratively and within bounds. */
    private String copy(JsonParser parser, String field, int depth) throws IOException, InvalidRecordException {
      StringWriter text = new StringWriter();
      try (JsonGenerator out = FACTORY.createGenerator(text)) {
        out.copyCurrentEvent(parser);
        walk(parser, field, depth, out, text);
      }
      return text.toString();
    }

    /**
     * Walks the container that starts at the parser, held by a container at {@code depth}, to its end, iteratively
     * and within the bounds; copies it to {@code out} (written to {@code text}) unless {@code out} is null.
     */
    private void walk(JsonParser parser, String field, int depth, JsonGenerator out, StringWriter text)
        throws IOException, InvalidRecordException {
      int level = depth + 1;
      checkDepth(field, level);
      while (level > depth) {
        JsonToken next = parser.nextToken();
        if (next == null) {
          throw endOfInput();
        } else if (next.isStructStart()) {
          checkDepth(field, ++level);
        } else if (next.isStructEnd()) {
          level--;
        } else if (next.isNumeric()) {
          checkNumber(parser, field);
        } else if (out != null && (next == JsonToken.VALUE_STRING || next == JsonToken.FIELD_NAME)) {
          checkLength(parser, field, maxTextLength, EventLimits.MAX_TEXT_LENGTH);
        }
        if (out != null) {
          out.copyCurrentEvent(parser);
          out.flush();
          if (text.getBuffer().length() > maxTextLength) {
            throw tooLong(field, maxTextLength, EventLimits.MAX_TEXT_LENGTH);
          }
        }
      }
    }

    private void checkDepth(String field, int level) throws InvalidRecordException {
      if (level > maxDepth) {
        throw limit(field, "nests deeper than " + maxDepth + " levels", EventLimits.MAX_DEPTH);
      }
    }

    /** Before a number is converted: converting one of a million digits takes seconds. */
    private void checkNumber(JsonParser parser, String field) throws IOException, InvalidRecordException {
      if (parser.getTextLength() > maxNumberLength) {
        throw limit(field, "holds a number longer than " + maxNumberLength + " characters",
            EventLimits.MAX_NUMBER_LENGTH);
      }
    }

    private static void checkLength(JsonParser parser, String field, int max, String key)
        throws IOException, InvalidRecordException {
      if (parser.getTextLength() > max) {
        throw tooLong(field, max, key);
      }
    }
  }

  /** A number too large for a double (Jackson reads it as infinity), with its text as it came. */
  private record NonFinite(String text) {
  }

  /** An object or an array where a scalar belongs, with what to show of it. */
  private record Container(String shown) {
  }

  private static InvalidRecordException limit(String field, String what, String key) {
    return new InvalidRecordException(RejectReason.LIMIT_EXCEEDED, field,
        "field '" + field + "' " + what + ", the most " + key + " allows");
  }

  private static InvalidRecordException tooLong(String field, int max, String key) {
    return limit(field, "is longer than " + max + " characters", key);
  }

  private static InvalidRecordException duplicate(String field, String message) {
    return new InvalidRecordException(RejectReason.DUPLICATE_KEY, field,
        message + "; which value was meant is unknown");
  }

  private static InvalidRecordException endOfInput() {
    return new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "not valid JSON: unexpected end of input");
  }

  private static InvalidRecordException malformed(JsonProcessingException e) {
    return new InvalidRecordException(RejectReason.MALFORMED_JSON, null,
        "not valid JSON: " + readable(e.getOriginalMessage()));
  }

  /**
   * Jackson's message without its advice to developers ("enable JsonParser.Feature...") and source locations:
   * {@code Unexpected character ('x' (code 120))} reads {@code unexpected character 'x'}.
   */
  private static String readable(String message) {
    if (message == null) {
      return "unreadable";
    }
    String text = message;
    for (String noise : NOISE) {
      int at = text.indexOf(noise);
      if (at >= 0) {
        text = text.substring(0, at);
      }
    }
    text = CHAR_CODE.matcher(text.replace("end-of-input", "end of input")).replaceAll("$1$2");
    text = CONTROL_CODE.matcher(text).replaceAll("($1)").strip();
    while (text.endsWith(":") || text.endsWith(",") || text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    if (text.isEmpty()) {
      return "unreadable";
    }
    return Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  /** Well-formed UTF-8 only; and no NUL first, from which Jackson would guess UTF-16 or UTF-32. */
  private static void checkEncoding(byte[] utf8, int offset, int length) throws InvalidRecordException {
    int bad = Utf8.firstInvalid(utf8, offset, length);
    if (bad >= 0) {
      StringBuilder bytes = new StringBuilder();
      for (int i = bad; i < Math.min(bad + 4, offset + length); i++) {
        bytes.append(bytes.length() == 0 ? "" : " ").append(String.format("%02X", utf8[i] & 0xFF));
      }
      throw new InvalidRecordException(RejectReason.INVALID_ENCODING, null,
          "not valid UTF-8: an invalid sequence at byte " + (bad - offset) + " (" + bytes + ")");
    }
    for (int i = offset; i < Math.min(offset + 4, offset + length); i++) {
      if (utf8[i] == 0) {
        throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null,
            "not valid JSON: a NUL character at byte " + (i - offset));
      }
    }
  }

  private static InteractionEvent event(Object[] values) throws InvalidRecordException {
    String eventId = requiredId(values, EVENT_ID);
    String userId = requiredId(values, USER_ID);
    String productId = requiredId(values, PRODUCT_ID);
    EventType type = eventType(values);
    long timestamp = timestamp(values);
    String sessionId = requiredId(values, SESSION_ID);
    Double rating = number(values, RATING);
    Double price = number(values, PRICE);
    Object quantity = present(values[QUANTITY]);
    if (quantity != null && !(quantity instanceof Integer)) {
      throw InvalidRecordException.wrongType("quantity", "an integer", shown(quantity));
    }
    // The all-arguments constructor: Avro's builder costs a third of the parse on the ingest path.
    return new InteractionEvent(eventId, userId, productId, type, timestamp, sessionId,
        rating == null ? null : (float) (double) rating, price, (Integer) quantity, optionalId(values, ORDER_ID),
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


  private static EventType eventType(Object[] values) throws InvalidRecordException {
    String text = requiredId(values, EVENT_TYPE);
    EventType exact = EXACT_TYPES.get(text);
    if (exact != null) {
      return exact;
    }
    try {
      return EventType.valueOf(text.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException(RejectReason.UNKNOWN_EVENT_TYPE, "event_type",
          "event_type '" + shorten(text) + "' is not one of view, click, add_to_cart, remove_from_cart, purchase,"
          + " impression");
    }
  }

  private static String requiredId(Object[] values, int index) throws InvalidRecordException {
    String field = NAMES.get(index);
    Object value = values[index];
    if (value == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, field, "required field '" + field + "' missing");
    }
    if (value == NULL) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, field, "required field '" + field + "' is null");
    }
    if (value instanceof String text) {
      String id = id(field, text);
      if (id.isEmpty()) {
        throw new InvalidRecordException(RejectReason.MISSING_FIELD, field, "required field '" + field + "' empty");
      }
      return id;
    }
    if (isIntegral(value)) {
      return value.toString();
    }
    throw InvalidRecordException.wrongType(field, "a string or an integer", shown(value));
  }

  private static String optionalId(Object[] values, int index) throws InvalidRecordException {
    Object value = present(values[index]);
    if (value instanceof String text) {
      String id = id(NAMES.get(index), text);
      return id.isEmpty() ? null : id;
    }
    return optionalText(values, index);
  }

  /**
   * {@code text} as an id: in NFC, checked for characters no id may hold before anything is trimmed (so that no
   * id passes for another), then trimmed of spaces; empty when it holds no visible character.
   */
  private static String id(String field, String text) throws InvalidRecordException {
    int length = text.length();
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        break;
      }
      if (c < 0x20 || c == 0x7F) {
        throw invalidId(field, "a control character", c);
      }
      i++;
    }
    if (i == length) {
      return text.trim();
    }
    checkCharacters(field, text, i);
    String id = Normalizer.normalize(text, Normalizer.Form.NFC).trim();
    return isVisible(id) ? id : "";
  }

  /** Rejects the characters no id may hold, from {@code from} on. */
  private static void checkCharacters(String field, String text, int from) throws InvalidRecordException {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      int cp = c;
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        cp = Character.toCodePoint(c, text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        throw invalidId(field, "an unpaired surrogate", cp);
      }
      String kind = forbidden(cp);
      if (kind != null) {
        throw invalidId(field, kind, cp);
      }
    }
  }

  /** What kind of character no id may hold {@code cp} is, or null when an id may. */
  private static String forbidden(int cp) {
    if (cp == 0x061C || cp == 0x200E || cp == 0x200F || cp >= 0x202A && cp <= 0x202E
        || cp >= 0x2066 && cp <= 0x2069) {
      return "a bidi control character";
    }
    if (cp >= 0x200B && cp <= 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x180E) {
      return "a zero-width character";
    }
    if (cp == 0xFFFD) {
      return "the replacement character (the mark of a lossy decode upstream)";
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
        return "a control character";
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return "a line separator";
      case Character.FORMAT:
        return "an invisible format character";
      default:
        return null;
    }
  }

  private static InvalidRecordException invalidId(String field, String kind, int cp) {
    return new InvalidRecordException(RejectReason.INVALID_ID, field,
        "field '" + field + "' holds " + kind + " " + String.format("U+%04X", cp) + ", which no id may contain");
  }

  /** Whether {@code text} holds a character other than spaces (NBSP, em space, ideographic space...). */
  private static boolean isVisible(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  private static long timestamp(Object[] values) throws InvalidRecordException {
    Object value = values[TIMESTAMP];
    if (value == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "timestamp", "required field 'timestamp' missing");
    }
    if (value == NULL) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "timestamp", "required field 'timestamp' is null");
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof String raw) {
      String text = raw.trim();
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
    throw InvalidRecordException.wrongType("timestamp", "epoch milliseconds, or ISO-8601 with a zone offset",
        shown(value));
  }

  /** A number field, or null when absent; one too large for a double is named by its text. */
  private static Double number(Object[] values, int index) throws InvalidRecordException {
    String field = NAMES.get(index);
    Object value = present(values[index]);
    if (value == null) {
      return null;
    }
    if (value instanceof NonFinite nonFinite) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, field,
          field + " " + nonFinite.text() + " is not a finite number");
    }
    if (!(value instanceof Number number)) {
      throw InvalidRecordException.wrongType(field, "a number", shown(value));
    }
    return number.doubleValue();
  }

  private static String optionalText(Object[] values, int index) throws InvalidRecordException {
    String field = NAMES.get(index);
    Object value = present(values[index]);
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean || value instanceof Container) {
      throw InvalidRecordException.wrongType(field, "a string", shown(value));
    }
    String text = (value instanceof NonFinite nonFinite ? nonFinite.text() : value.toString()).trim();
    if (text.isEmpty()) {
      return null;
    }
    return index == DEVICE_TYPE || index == PAGE_CONTEXT ? text.toLowerCase(Locale.ROOT) : text;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> metadata(Object value) throws InvalidRecordException {
    Object present = present(value);
    if (present == null) {
      return new HashMap<>();
    }
    if (!(present instanceof Map)) {
      throw InvalidRecordException.wrongType("metadata", "an object of strings", shown(present));
    }
    return (Map<String, String>) present;
  }

  /** {@code value}, or null for an explicit JSON null. */
  private static Object present(Object value) {
    return value == NULL ? null : value;
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
  }

  /** A value as the JSON it came as, for a message. */
  private static String shown(Object value) {
    if (value instanceof String text) {
      return TextNode.valueOf(text.length() > 40 ? text.substring(0, 40) : text).toString();
    }
    if (value instanceof Container container) {
      return container.shown();
    }
    if (value instanceof NonFinite nonFinite) {
      return nonFinite.text();
    }
    return String.valueOf(value);
  }

  /** A key or text short enough for a message. */
  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
