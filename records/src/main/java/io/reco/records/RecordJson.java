package io.reco.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes any of the contract's Avro records as plain JSON: field names as in the schema, nulls omitted, unions
 * written as their value (not Avro's tagged form), enums as their symbol, maps as objects.
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
}
