package io.reco.serving;

import io.reco.schema.FeatureCells;
import io.reco.schema.ModelRegistry;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.RowKeys;
import io.reco.schema.ScoredLists;
import io.reco.schema.TableSpec;
import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.ScoredItem;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;

/**
 * A small published model for the integration tests: item {@code a} has the given similar items, user
 * {@code alice} touched {@code a} (so it is excluded from her picks), and the popular list is a, b, d, c.
 */
final class Models {
  private Models() {
  }

  /** Writes {@code version}'s lists, registers it and makes it the active one. */
  static void publish(Connection connection, String version, List<ScoredItem> similarToA) throws Exception {
    ModelRegistry registry = new ModelRegistry(connection);
    registry.register(version, Instant.now());
    put(connection, RecoTables.ITEM_SIMILAR, "a", version, similarToA);
    put(connection, RecoTables.USER_RECENT, "alice", version, List.of(new ScoredItem("a", 4.0)));
    put(connection, RecoTables.USER_EXCLUDED, "alice", version, List.of(new ScoredItem("a", 1.7e9)));
    put(connection, RecoTables.POPULAR, PopularLists.GLOBAL, version, List.of(new ScoredItem("a", 1.0),
        new ScoredItem("b", 0.8), new ScoredItem("d", 0.7), new ScoredItem("c", 0.1)));
    registry.activate(version);
  }

  /** Empties the model registry, as before the first publication (suites before may have published). */
  static void unpublishAll(Connection connection) throws Exception {
    try (Table table = connection.getTable(RecoTables.MODELS.tableName());
         ResultScanner rows = table.getScanner(new Scan())) {
      for (Result row : rows) {
        table.delete(new Delete(row.getRow()));
      }
    }
  }

  /** Writes an item's features: what the rules and filters read of it. */
  static void item(Connection connection, String version, String id, String category, String brand, Double price,
      boolean active, boolean inStock) throws Exception {
    ItemFeatures features = ItemFeatures.newBuilder().setItemId(id).setAsOf(5L).setViews(0).setClicks(0)
        .setAddToCarts(0).setPurchases(0).setUsers(0).setFirstSeen(null).setLastPurchase(null).setPopularity(0.0)
        .setConversionRate(0.0).setAvgRating(null).setAvgPrice(null).setRecencyScore(0.0).setTrendingScore(0.0)
        .setCategory(category).setBrand(brand).setPrice(price).setIsActive(active).setInStock(inStock).build();
    try (Table table = connection.getTable(RecoTables.ITEM_FEATURES.tableName())) {
      table.put(new Put(RowKeys.of(id)).addColumn(RecoTables.ITEM_FEATURES.family().bytes(),
          ScoredLists.qualifier(version), FeatureCells.encode(features)));
    }
  }

  /** Writes one list. */
  static void put(Connection connection, TableSpec spec, String id, String version, List<ScoredItem> items)
      throws Exception {
    try (Table table = connection.getTable(spec.tableName())) {
      table.put(new Put(RowKeys.of(id)).add(ScoredLists.cell(spec, id, version, items)));
    }
  }
}
