package io.reco.serving;

import io.reco.schema.FeatureCells;
import io.reco.schema.RecoTables;
import io.reco.schema.TableSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@code GET /v1/features/users/{userId}} and {@code GET /v1/features/items/{itemId}}: the entity's features in the
 * active model (feature set {@code user} or {@code item}, every field by name); 404 for an entity without them,
 * 503 naming the version for a cell of a schema this servlet does not know.
 */
final class EntityFeatures implements UseCase {
  private final ModelReader model;
  private final String set;
  private final TableSpec table;
  private final int schemaVersion;
  private final Function<byte[], ? extends SpecificRecord> decode;

  private EntityFeatures(ModelReader model, String set, TableSpec table, int schemaVersion,
      Function<byte[], ? extends SpecificRecord> decode) {
    this.model = model;
    this.set = set;
    this.table = table;
    this.schemaVersion = schemaVersion;
    this.decode = decode;
  }

  static EntityFeatures users(ModelReader model) {
    return new EntityFeatures(model, "user", RecoTables.USER_FEATURES, FeatureCells.USER_VERSION,
        FeatureCells::decodeUser);
  }

  static EntityFeatures items(ModelReader model) {
    return new EntityFeatures(model, "item", RecoTables.ITEM_FEATURES, FeatureCells.ITEM_VERSION,
        FeatureCells::decodeItem);
  }

  @Override
  public Object answer(Call call) throws IOException {
    String version = call.version();
    String id = call.id();
    SpecificRecord features;
    try {
      features = model.features(table, version, id, decode).orElseThrow(() -> new ApiException(404, "unknown "
          + set + " '" + id + "': no features in model " + version));
    } catch (IllegalStateException e) {
      // a cell of a feature schema this servlet does not know: say so, as the store's fault, not the client's
      throw new ApiException(503, e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(set, id);
    body.put("feature_set", set);
    body.put("schema_version", schemaVersion);
    body.put("features", plain(features));
    body.put("model", version);
    body.put("request_id", call.request().getAttribute(FrontDoor.REQUEST_ID));
    return body;
  }

  /** An Avro value as JSON-ready Java values: records as maps of every field (nulls included), lists, strings. */
  private static Object plain(Object value) {
    if (value instanceof SpecificRecord record) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (org.apache.avro.Schema.Field field : record.getSchema().getFields()) {
        fields.put(field.name(), plain(record.get(field.pos())));
      }
      return fields;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(EntityFeatures::plain).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k.toString(), plain(v)));
      return out;
    }
    return value instanceof CharSequence || value instanceof Enum<?> ? value.toString() : value;
  }
}
