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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the active model's lists from HBase. The active version is re-read by a timer of its own every
 * {@code refreshMillis}, so a newly published model (or a rollback) is served within that time without a restart;
 * no request, readiness probe included, can stall or reset it. Until a model is published, and with a refresh
 * interval of 0, every call reads the registry.
 */
public final class ModelReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelReader.class);

  private final Connection connection;
  private final ScheduledExecutorService refresher;
  private volatile String version;
  private volatile boolean refreshFailing;

  /** A reader over an open connection, which the caller owns; closing the reader stops its timer. */
  public ModelReader(Connection connection, long refreshMillis) {
    if (refreshMillis < 0) {
      throw new IllegalArgumentException("the model refresh interval must be 0 or more ms, was " + refreshMillis);
    }
    this.connection = connection;
    if (refreshMillis == 0) {
      refresher = null;
    } else {
      refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-refresh");
        t.setDaemon(true);
        return t;
      });
      refresher.scheduleWithFixedDelay(this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** The served model version; empty before the first publication. */
  public Optional<String> activeVersion() {
    if (refresher == null || version == null) {
      version = read();
    }
    return Optional.ofNullable(version);
  }

  private String read() {
    try {
      return new ModelRegistry(connection).activeVersion().orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the active model from HBase", e);
    }
  }

  /** The timer's work: a failure keeps the version served and is logged once until a read succeeds again. */
  private void refresh() {
    try {
      String read = read();
      if (read != null) {
        version = read;
      }
      if (refreshFailing) {
        LOG.info("the active model is read again: {}", read);
        refreshFailing = false;
      }
    } catch (RuntimeException e) {
      if (!refreshFailing) {
        LOG.warn("cannot re-read the active model; serving {} until it can: {}", version, e.getMessage());
        refreshFailing = true;
      }
    }
  }

  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }

  /** Whether every table exists and a model is active. */
  public boolean ready() {
    try (Admin admin = connection.getAdmin()) {
      for (TableSpec table : RecoTables.ALL) {
        if (!admin.tableExists(table.tableName()) || !admin.isTableEnabled(table.tableName())) {
          return false;
        }
      }
      return activeVersion().isPresent();
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
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
