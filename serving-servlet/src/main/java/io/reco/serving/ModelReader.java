package io.reco.serving;

import io.reco.schema.ModelRegistry;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.ScoredLists;
import io.reco.schema.TableSpec;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;

/**
 * Reads the active model's lists from HBase. The active version is re-read at most every
 * {@code refreshMillis}, so a newly published model is served within that time without a restart.
 */
public final class ModelReader {
  private final Connection connection;
  private final long refreshMillis;
  private volatile String version;
  private volatile long versionReadAt = Long.MIN_VALUE;

  /** A reader over an open connection, which the caller owns. */
  public ModelReader(Connection connection, long refreshMillis) {
    this.connection = connection;
    this.refreshMillis = refreshMillis;
  }

  /** The served model version; empty before the first publication. */
  public Optional<String> activeVersion() {
    long now = System.currentTimeMillis();
    if (version == null || now - versionReadAt >= refreshMillis) {
      try {
        version = new ModelRegistry(connection).activeVersion().orElse(null);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the active model from HBase", e);
      }
      versionReadAt = now;
    }
    return Optional.ofNullable(version);
  }

  /** Whether every table exists and a model is active. */
  public boolean ready() {
    try (Admin admin = connection.getAdmin()) {
      for (TableSpec table : RecoTables.ALL) {
        if (!admin.tableExists(table.tableName()) || !admin.isTableEnabled(table.tableName())) {
          return false;
        }
      }
    } catch (IOException e) {
      return false;
    }
    versionReadAt = Long.MIN_VALUE;
    return activeVersion().isPresent();
  }

  /** An item's similar items. */
  public Optional<List<ScoredItem>> similar(String version, String itemId) throws IOException {
    return read(RecoTables.ITEM_SIMILAR, itemId, version);
  }

  /** A user's recent items. */
  public Optional<List<ScoredItem>> recent(String version, String userId) throws IOException {
    return read(RecoTables.USER_RECENT, userId, version);
  }

  /** The global popularity list; empty list if the model has none. */
  public List<ScoredItem> popular(String version) throws IOException {
    return read(RecoTables.POPULAR, PopularLists.GLOBAL, version).orElse(List.of());
  }

  /** The similar items of several items in one round trip; items without a list are left out. */
  public Map<String, List<ScoredItem>> similar(String version, List<String> itemIds) throws IOException {
    List<Get> gets = new ArrayList<>(itemIds.size());
    itemIds.forEach(id -> gets.add(ScoredLists.get(RecoTables.ITEM_SIMILAR, id, version)));
    Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
    try (Table table = connection.getTable(RecoTables.ITEM_SIMILAR.tableName())) {
      Result[] results = table.get(gets);
      for (int i = 0; i < results.length; i++) {
        String id = itemIds.get(i);
        ScoredLists.from(results[i], RecoTables.ITEM_SIMILAR, version).ifPresent(list -> out.put(id, list));
      }
    }
    return out;
  }

  private Optional<List<ScoredItem>> read(TableSpec spec, String id, String version) throws IOException {
    try (Table table = connection.getTable(spec.tableName())) {
      return ScoredLists.read(table, spec, id, version);
    }
  }
}
