package io.reco.schema;

import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.UserFeatures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;

/**
 * The feature lookups a ranker makes, straight from HBase: one model version's user and item features, one at a
 * time or many items in one round trip. The servlet's {@code /v1/features} answers the same cells.
 *
 * <pre>{@code
 * FeatureStore features = FeatureStore.active(connection);
 * Optional<UserFeatures> user = features.user("u42");
 * Map<String, ItemFeatures> candidates = features.items(List.of("100008", "100021"));
 * }</pre>
 */
public final class FeatureStore {
  private final Connection connection;
  private final String version;

  /** The features of model {@code version}, over an open connection the caller owns. */
  public FeatureStore(Connection connection, String version) {
    this.connection = connection;
    this.version = ModelRegistry.checkVersion(version);
  }

  /**
   * The features of the active model.
   *
   * @throws IllegalStateException when no model is published
   */
  public static FeatureStore active(Connection connection) throws IOException {
    String version = new ModelRegistry(connection).activeVersion()
        .orElseThrow(() -> new IllegalStateException("no model is published yet: no features to read"));
    return new FeatureStore(connection, version);
  }

  /** The model version read. */
  public String version() {
    return version;
  }

  /** A user's features; empty for a user the model has none of. */
  public Optional<UserFeatures> user(String userId) throws IOException {
    try (Table table = connection.getTable(RecoTables.USER_FEATURES.tableName())) {
      return cell(table, RecoTables.USER_FEATURES, userId, version).map(FeatureCells::decodeUser);
    }
  }

  /** An item's features; empty for an item the model has none of. */
  public Optional<ItemFeatures> item(String itemId) throws IOException {
    try (Table table = connection.getTable(RecoTables.ITEM_FEATURES.tableName())) {
      return cell(table, RecoTables.ITEM_FEATURES, itemId, version).map(FeatureCells::decodeItem);
    }
  }

  /** The features of several items in one round trip, in their order; items without features are left out. */
  public Map<String, ItemFeatures> items(Collection<String> itemIds) throws IOException {
    List<String> ids = new ArrayList<>(itemIds);
    List<Get> gets = new ArrayList<>(ids.size());
    ids.forEach(id -> gets.add(ScoredLists.get(RecoTables.ITEM_FEATURES, id, version)));
    Map<String, ItemFeatures> out = new LinkedHashMap<>();
    try (Table table = connection.getTable(RecoTables.ITEM_FEATURES.tableName())) {
      Result[] results = table.get(gets);
      for (int i = 0; i < results.length; i++) {
        byte[] value = results[i].getValue(RecoTables.ITEM_FEATURES.family().bytes(), ScoredLists.qualifier(version));
        if (value != null) {
          out.put(ids.get(i), FeatureCells.decodeItem(value));
        }
      }
    }
    return out;
  }

  /** The raw cell of {@code id} under {@code version} in the feature table {@code spec}, if any. */
  public static Optional<byte[]> cell(Table table, TableSpec spec, String id, String version) throws IOException {
    Result result = table.get(ScoredLists.get(spec, id, version));
    return Optional.ofNullable(result.getValue(spec.family().bytes(), ScoredLists.qualifier(version)));
  }
}
