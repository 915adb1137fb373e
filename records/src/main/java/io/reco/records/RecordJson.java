package io.reco.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes any of the contract's Avro records as plain JSON: field names as in the schema, nulls omitted, unions
 * written as their value (not Avro's tagged form), enums as their symbol, maps as objects; and reads that form
 * back.
 */
public final class RecordJson {
  private RecordJson() {
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  /** {@code record} as one line of JSON, without the newline. */
  public static String toJson(SpecificRecord record) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(record, json);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  /** Writes {@code record} as one JSON object. */
  public static void write(SpecificRecord record, JsonGenerator json) throws IOException {
    json.writeStartObject();
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (value != null) {
        json.writeFieldName(field.name());
        writeValue(value, json);
      }
    }
    json.writeEndObject();
  }

  private static void writeValue(Object value, JsonGenerator json) throws IOException {
    if (value instanceof CharSequence || value instanceof Enum<?>) {
      json.writeString(value.toString());
    } else if (value instanceof Integer i) {
      json.writeNumber(i);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Float f) {
      json.writeNumber(f);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        json.writeFieldName(e.getKey().toString());
        writeValue(e.getValue(), json);
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        writeValue(item, json);
      }
      json.writeEndArray();
    } else if (value instanceof SpecificRecord nested) {
      write(nested, json);
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  /**
   * The record of {@code type} that {@code json} (this class's form) holds; absent fields take their schema
   * default.
   *
   * @throws IllegalArgumentException naming the field whose value does not fit its schema
   */
  public static <T extends SpecificRecord> T read(JsonNode json, Class<T> type) {
    @SuppressWarnings("unchecked")
    T record = (T) SpecificData.newInstance(type, SpecificData.get().getSchema(type));
    Schema schema = record.getSchema();
    for (Schema.Field field : schema.getFields()) {
      JsonNode value = json.get(field.name());
      if (value == null || value.isNull()) {
        record.put(field.pos(), field.hasDefaultValue() ? SpecificData.get().getDefaultValue(field) : null);
      } else {
        record.put(field.pos(), readValue(value, field.schema(), field.name()));
      }
    }
    return record;
  }

  private static Object readValue(JsonNode value, Schema schema, String field) {
    switch (schema.getType()) {
      case UNION:
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL) {
            return readValue(value, branch, field);
          }
        }
        return null;
      case STRING:
        return value.asText();
      case INT:
        return number(value, field).intValue();
      case LONG:
        return number(value, field).longValue();
      case FLOAT:
        return number(value, field).floatValue();
      case DOUBLE:
        return number(value, field).doubleValue();
      case BOOLEAN:
        if (!value.isBoolean()) {
          throw new IllegalArgumentException("field '" + field + "' should be true or false, was " + value);
        }
        return value.booleanValue();
      case ENUM:
        return SpecificData.get().createEnum(value.asText(), schema);
      case MAP:
        Map<String, Object> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> map.put(e.getKey(), readValue(e.getValue(), schema.getValueType(),
            field)));
        return map;
      case ARRAY:
        List<Object> list = new ArrayList<>();
        value.forEach(v -> list.add(readValue(v, schema.getElementType(), field)));
        return list;
      default:
        throw new IllegalArgumentException("no JSON form read for field '" + field + "' of type " + schema);
    }
  }

  private static Number number(JsonNode value, String field) {
    if (!value.isNumber()) {
      throw new IllegalArgumentException("field '" + field + "' should be a number, was " + value);
    }
    return value.numberValue();
  }
}
