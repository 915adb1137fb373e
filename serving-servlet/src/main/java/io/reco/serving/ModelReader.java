package io.reco.serving;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.reco.schema.FeatureCells;
import io.reco.schema.FeatureStore;
import io.reco.schema.ItemStatus;
import io.reco.schema.ModelRegistry;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.ScoredLists;
import io.reco.schema.TableSpec;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the active model's lists from HBase, through a cache.
 *
 * <p>A timer of its own re-reads the active version and checks the tables every {@code refreshMillis}, so a newly
 * published model (or a rollback) is served within that time without a restart, and readiness is that timer's
 * last verdict: no request, readiness probe included, touches HBase for it, stalls it or resets it. When HBase has
 * not answered the timer for {@code reconnectMillis}, it opens a new connection from the configuration's files
 * read again (HBase may have come back elsewhere) and switches to it once it answers. With a refresh interval of 0,
 * every call reads the registry and readiness checks HBase there and then.
 *
 * <p>The cache holds lists by (table, id, version), unknown ids included, for {@code cacheTtl} and up to
 * {@code cacheEntries}; it is emptied when the active version changes and by {@link #flush()}.
 */
public final class ModelReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelReader.class);
  /**
   * Caffeine logs every failed read at WARNING with its stack, through java.util.logging; a failed read is
   * answered 503 and logged once by the servlet already. Held here: java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger CAFFEINE_LOG = quiet("com.github.benmanes.caffeine.cache");

  /** A list's place: table, row id and model version. */
  private record Key(TableSpec table, String id, String version) {
  }

  /** How much further back than its last look the status refresh looks: the servlet's and HBase's clocks differ. */
  private static final long STATUS_CLOCK_SKEW_MS = 60_000;

  /** What the timer found last, and when (System.nanoTime). */
  private record Verdict(boolean ready, long at) {
  }

  private final Store store;
  private final ServingMetrics metrics;
  private final long refreshMillis;
  private final long reconnectMillis;
  private final ExecutorService reads;
  private final AsyncCache<Key, Optional<List<ScoredItem>>> cache;
  private final AsyncCache<Key, Optional<ItemFacts>> facts;
  /** The live status of every item a change named, as last read; refreshed by its own timer. */
  private final Map<String, ItemStatus> status = new java.util.concurrent.ConcurrentHashMap<>();
  private final long statusRefreshMillis;
  private final ScheduledExecutorService statusTimer;
  private final ThrottledLog statusLog = new ThrottledLog(LOG, 60_000);
  /** Region server time from which the next refresh looks for changes. */
  private long statusSince;
  private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> servable = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(1000).build();
  private final ScheduledExecutorService refresher;
  private volatile String version;
  private volatile Verdict verdict = new Verdict(false, System.nanoTime());
  private long failingSince = -1;
  private long lastReconnect = System.nanoTime();

  ModelReader(Store store, ServingMetrics metrics, long refreshMillis, long reconnectMillis, Duration cacheTtl,
      long cacheEntries, int readThreads) {
    this(store, metrics, refreshMillis, reconnectMillis, cacheTtl, cacheEntries, readThreads, 0);
  }

  /**
   * With the live item status ({@code reco:item_status}) mirrored in memory, its changes read every
   * {@code statusRefreshMillis} (0: read for each request).
   */
  ModelReader(Store store, ServingMetrics metrics, long refreshMillis, long reconnectMillis, Duration cacheTtl,
      long cacheEntries, int readThreads, long statusRefreshMillis) {
    if (refreshMillis < 0) {
      throw new IllegalArgumentException("the model refresh interval must be 0 or more ms, was " + refreshMillis);
    }
    this.store = store;
    this.metrics = metrics;
    this.refreshMillis = refreshMillis;
    this.reconnectMillis = reconnectMillis;
    // HBase is read by threads of their own; a request waits for its read at most the HBase timeout, however
    // long the client takes to give up, and a stall holds these threads and no more (past the queue: 503)
    AtomicInteger threadNumber = new AtomicInteger();
    this.reads = new ThreadPoolExecutor(readThreads, readThreads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(readThreads * 16), r -> {
          Thread t = new Thread(r, "hbase-read-" + threadNumber.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    // one read per list at a time: requests wanting the same list while it is read share that read
    this.cache = Caffeine.newBuilder().executor(reads).expireAfterWrite(cacheTtl).maximumSize(cacheEntries)
        .recordStats().buildAsync();
    CaffeineCacheMetrics.monitor(metrics.registry(), cache.synchronous(), "reco_lists");
    this.facts = Caffeine.newBuilder().executor(reads).expireAfterWrite(cacheTtl).maximumSize(cacheEntries)
        .recordStats().buildAsync();
    CaffeineCacheMetrics.monitor(metrics.registry(), facts.synchronous(), "reco_item_facts");
    this.statusRefreshMillis = statusRefreshMillis;
    if (statusRefreshMillis > 0) {
      statusTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "item-status-refresh");
        t.setDaemon(true);
        return t;
      });
      statusTimer.scheduleWithFixedDelay(this::refreshStatus, 0, statusRefreshMillis, TimeUnit.MILLISECONDS);
    } else {
      statusTimer = null;
    }
    if (refreshMillis == 0) {
      refresher = null;
    } else {
      refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-refresh");
        t.setDaemon(true);
        return t;
      });
      refresher.execute(this::refresh);
      refresher.scheduleWithFixedDelay(this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    }
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  /** The served model version; empty before the first publication. */
  public Optional<String> activeVersion() {
    if (refresher == null || version == null) {
      try {
        served(bounded(() -> readVersion(store.connection())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.ofNullable(version);
  }

  /**
   * Whether every table exists and is enabled and a model is active, as the timer last found within one interval
   * (and the HBase timeout) - or, without a timer, as HBase says now.
   */
  public boolean ready() {
    if (refresher == null) {
      return check(store.connection());
    }
    Verdict last = verdict;
    long ageMillis = (System.nanoTime() - last.at()) / 1_000_000;
    return last.ready() && ageMillis <= refreshMillis + 2 * store.timeoutMillis();
  }

  /** Reads the active version now (after a promotion through the admin API, say). */
  public Optional<String> refreshNow() {
    served(readVersion(store.connection()));
    return Optional.ofNullable(version);
  }

  /** Empties the cache; returns how many lists it held. */
  public long flush() {
    long size = cache.synchronous().estimatedSize() + facts.synchronous().estimatedSize();
    cache.synchronous().invalidateAll();
    facts.synchronous().invalidateAll();
    return size;
  }

  private void served(String read) {
    if (read != null && !read.equals(version)) {
      String before = version;
      version = read;
      cache.synchronous().invalidateAll();
      facts.synchronous().invalidateAll();
      metrics.activeModel(read);
      if (before != null) {
        LOG.info("serving model {} (was {})", read, before);
      }
    }
  }

  private static String readVersion(Connection connection) {
    try {
      return new ModelRegistry(connection).activeVersion().orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the active model from HBase", e);
    }
  }

  /** Whether the tables are there and enabled and a model is active; reads the version on the way. */
  private boolean check(Connection connection) {
    try (Admin admin = connection.getAdmin()) {
      for (TableSpec table : RecoTables.ALL) {
        if (!admin.tableExists(table.tableName()) || !admin.isTableEnabled(table.tableName())) {
          return false;
        }
      }
      served(readVersion(connection));
      return version != null;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** The timer's work; a failure keeps the version served, is logged once, and in time re-creates the connection. */
  private void refresh() {
    boolean ready = check(store.connection());
    long now = System.nanoTime();
    if (!ready && failingSince < 0) {
      failingSince = now;
      LOG.warn("HBase does not answer, or the model's tables are offline; serving {} while it can", version);
    } else if (ready && failingSince >= 0) {
      LOG.info("HBase answers again; serving {}", version);
      failingSince = -1;
    }
    if (!ready && millisSince(failingSince, now) >= reconnectMillis && millisSince(lastReconnect, now)
        >= reconnectMillis) {
      lastReconnect = now;
      if (store.reconnect(candidate -> readVersion(candidate))) {
        ready = check(store.connection());
        failingSince = ready ? -1 : failingSince;
      }
    }
    verdict = new Verdict(ready, System.nanoTime());
  }

  private static long millisSince(long start, long now) {
    return (now - start) / 1_000_000;
  }

  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
    if (statusTimer != null) {
      statusTimer.shutdownNow();
    }
    reads.shutdownNow();
  }

  /**
   * Whether the registry has {@code version}'s cells (built and not retired: an experiment's variant may name
   * it); asked at most once a minute per version.
   */
  public boolean servable(String version) throws IOException {
    Boolean known = servable.getIfPresent(version);
    if (known == null) {
      known = bounded(() -> new ModelRegistry(store.connection()).describe(version)
          .map(info -> ModelRegistry.CANDIDATE.equals(info.status()) || ModelRegistry.PUBLISHED.equals(info.status()))
          .orElse(false));
      servable.put(version, known);
      if (!known) {
        LOG.warn("an experiment's variant names model {}, which the registry does not have (built, not retired);"
            + " its requests are answered by the served model", version);
      }
    }
    return known;
  }

  /** An item's similar items. */
  public Optional<List<ScoredItem>> similar(String version, String itemId) throws IOException {
    return read(RecoTables.ITEM_SIMILAR, itemId, version);
  }

  /** The items most often bought in the same basket as an item; empty for an item without any. */
  public Optional<List<ScoredItem>> boughtTogether(String version, String itemId) throws IOException {
    return read(RecoTables.ITEM_TOGETHER, itemId, version);
  }

  /** The active products most alike an item in its catalog content; empty for an item without any. */
  public Optional<List<ScoredItem>> contentNeighbours(String version, String itemId) throws IOException {
    return read(RecoTables.ITEM_CONTENT, itemId, version);
  }

  /** The items never to offer a user; empty for a user without any. */
  public java.util.Set<String> excluded(String version, String userId) throws IOException {
    return ids(read(RecoTables.USER_EXCLUDED, userId, version));
  }

  private static java.util.Set<String> ids(Optional<List<ScoredItem>> list) {
    List<ScoredItem> items = list.orElse(List.of());
    java.util.Set<String> ids = new java.util.HashSet<>(items.size() * 2);
    items.forEach(item -> ids.add(item.getId()));
    return ids;
  }

  /** A user's recent items and the items never to offer them. */
  public record History(List<ScoredItem> recent, java.util.Set<String> excluded) {
  }

  /** A user's {@link History}, both lists read at once. */
  public History history(String version, String userId) throws IOException {
    CompletableFuture<Optional<List<ScoredItem>>> recent = start(RecoTables.USER_RECENT, userId, version);
    CompletableFuture<Optional<List<ScoredItem>>> excluded = start(RecoTables.USER_EXCLUDED, userId, version);
    return new History(await(() -> recent).orElse(List.of()), ids(await(() -> excluded)));
  }

  /** A user's precomputed top picks, best first; empty for a user the run did not precompute. */
  public Optional<List<ScoredItem>> topPicks(String version, String userId) throws IOException {
    return read(RecoTables.USER_TOP, userId, version);
  }

  /** A user's recent items. */
  public Optional<List<ScoredItem>> recent(String version, String userId) throws IOException {
    return read(RecoTables.USER_RECENT, userId, version);
  }

  /**
   * An entity's feature cell in the model's feature table {@code table}, decoded by {@code decode}; empty for an
   * entity without one.
   *
   * @throws IllegalStateException when the cell was written by a feature schema version this reader does not know
   */
  public <T> Optional<T> features(TableSpec table, String version, String id, Function<byte[], T> decode)
      throws IOException {
    return await(() -> CompletableFuture.supplyAsync(() -> timed(table, () -> {
      try (Table hbase = store.connection().getTable(table.tableName())) {
        return FeatureStore.cell(hbase, table, id, version).map(decode);
      }
    }), reads));
  }

  /** The global popularity list; empty list if the model has none. */
  public List<ScoredItem> popular(String version) throws IOException {
    return popular(version, PopularLists.GLOBAL).orElse(List.of());
  }

  /** One of the model's popularity or trending lists, by its row ({@link PopularLists}); empty if it has none. */
  public Optional<List<ScoredItem>> popular(String version, String row) throws IOException {
    return read(RecoTables.POPULAR, row, version);
  }

  /** The similar items of several items, those not cached in one round trip; items without a list are left out. */
  public Map<String, List<ScoredItem>> similar(String version, List<String> itemIds) throws IOException {
    return lists(RecoTables.ITEM_SIMILAR, version, itemIds);
  }

  /** What visitors go on to after each of several items (the session blend); items without a list are left out. */
  public Map<String, List<ScoredItem>> next(String version, List<String> itemIds) throws IOException {
    return lists(RecoTables.ITEM_NEXT, version, itemIds);
  }

  /** What is bought with each of several items; items without a list are left out. */
  public Map<String, List<ScoredItem>> boughtTogether(String version, List<String> itemIds) throws IOException {
    return lists(RecoTables.ITEM_TOGETHER, version, itemIds);
  }

  /**
   * What the rules know of several items ({@link ItemFacts}): the model's item features (those not cached in one
   * round trip), overlaid by the items' live status from the shop's change events ({@code reco:item_status}, cached
   * apart for a shorter time); items known to neither left out.
   */
  public Map<String, ItemFacts> facts(String version, java.util.Collection<String> itemIds) throws IOException {
    Map<String, ItemFacts> features = many(facts, RecoTables.ITEM_FEATURES, version, itemIds, value -> {
      try {
        return ItemFacts.of(FeatureCells.decodeItem(value));
      } catch (IllegalStateException e) {
        return null;
      }
    });
    List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(itemIds));
    Map<String, ItemStatus> live = statusTimer != null ? status
        : await(() -> CompletableFuture.supplyAsync(() -> readStatus(ids), reads));
    Map<String, ItemFacts> out = new LinkedHashMap<>();
    for (String id : ids) {
      ItemFacts known = features.get(id);
      ItemStatus now = live.get(id);
      ItemFacts merged = now != null ? ItemFacts.live(known, now) : known;
      if (merged != null) {
        out.put(id, merged);
      }
    }
    return out;
  }

  /** The live status of {@code ids}, read now. */
  private Map<String, ItemStatus> readStatus(List<String> ids) {
    return timed(RecoTables.ITEM_STATUS, () -> {
      try (Table table = store.connection().getTable(RecoTables.ITEM_STATUS.tableName())) {
        return ItemStatus.from(ids, table.get(ItemStatus.gets(ids)));
      }
    });
  }

  /**
   * The status timer's work: the rows changed since the last look (by the region server's clock, looking a minute
   * further back for clocks that differ), read whole into the mirror; all rows the first time. A failure keeps
   * the mirror as it is and is tried again at the next tick.
   */
  private void refreshStatus() {
    long started = System.currentTimeMillis();
    try (Table table = store.connection().getTable(RecoTables.ITEM_STATUS.tableName());
         org.apache.hadoop.hbase.client.ResultScanner rows = table.getScanner(ItemStatus.changedSince(statusSince))) {
      List<String> changed = new ArrayList<>();
      for (Result row : rows) {
        changed.add(io.reco.schema.RowKeys.idOf(row.getRow()));
      }
      for (int from = 0; from < changed.size(); from += 1000) {
        List<String> chunk = changed.subList(from, Math.min(changed.size(), from + 1000));
        status.putAll(ItemStatus.from(chunk, table.get(ItemStatus.gets(chunk))));
      }
      statusSince = started - STATUS_CLOCK_SKEW_MS;
    } catch (IOException | RuntimeException e) {
      statusLog.warn(() -> "cannot read the live item status (" + e.getMessage() + "); the rules use what was read"
          + " before");
    }
  }

  /** The lists of {@code table} of several ids, those not cached in one round trip; ids without one left out. */
  private Map<String, List<ScoredItem>> lists(TableSpec table, String version, List<String> ids) throws IOException {
    return many(cache, table, version, ids, ScoredLists::decode);
  }

  /** The decoded cells of several ids in {@code table}, through {@code cache}; ids without a cell left out. */
  private <T> Map<String, T> many(AsyncCache<Key, Optional<T>> cache, TableSpec table, String version,
      java.util.Collection<String> ids, Function<byte[], T> decode) throws IOException {
    List<Key> keys = new ArrayList<>(ids.size());
    ids.forEach(id -> keys.add(new Key(table, id, version)));
    Map<Key, Optional<T>> found = await(() -> cache.getAll(keys, (missing, executor) ->
        CompletableFuture.supplyAsync(() -> readAll(missing, decode), executor)));
    Map<String, T> out = new LinkedHashMap<>();
    for (Key key : keys) {
      Optional<T> value = found.get(key);
      if (value != null && value.isPresent()) {
        out.put(key.id(), value.get());
      }
    }
    return out;
  }

  private Optional<List<ScoredItem>> read(TableSpec spec, String id, String version) throws IOException {
    return await(() -> start(spec, id, version));
  }

  /** Starts reading a list through the cache (or joins the read under way). */
  private CompletableFuture<Optional<List<ScoredItem>>> start(TableSpec spec, String id, String version) {
    return cache.get(new Key(spec, id, version), (key, executor) -> CompletableFuture.supplyAsync(
        () -> timed(spec, () -> {
          try (Table table = store.connection().getTable(spec.tableName())) {
            return ScoredLists.read(table, spec, id, version);
          }
        }), executor));
  }

  /** Runs {@code read} on the HBase threads and waits for it at most the HBase timeout. */
  private <T> T bounded(Callable<T> read) throws IOException {
    return await(() -> CompletableFuture.supplyAsync(() -> {
      try {
        return read.call();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, reads));
  }

  /**
   * Starts a read and waits for its value at most the HBase timeout. A failed or late read, or one the HBase
   * threads have no room for, is an IOException (a 503); a fault of the service's own comes out as it is.
   */
  private <T> T await(Supplier<CompletableFuture<T>> start) throws IOException {
    try {
      return start.get().get(store.timeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("HBase did not answer within " + store.timeoutMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading HBase", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RejectedExecutionException) {
        throw new IOException("too many HBase reads waiting", cause);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("an HBase read failed", cause);
    } catch (RejectedExecutionException e) {
      throw new IOException("too many HBase reads waiting", e);
    }
  }

  /** One multi-get of {@code keys}, all of one table and version, each cell decoded (null: as if absent). */
  private <T> Map<Key, Optional<T>> readAll(Set<? extends Key> keys, Function<byte[], T> decode) {
    List<Key> list = new ArrayList<>(keys);
    TableSpec spec = list.get(0).table();
    return timed(spec, () -> {
      List<Get> gets = new ArrayList<>(list.size());
      list.forEach(k -> gets.add(ScoredLists.get(spec, k.id(), k.version())));
      Map<Key, Optional<T>> out = new HashMap<>();
      try (Table table = store.connection().getTable(spec.tableName())) {
        Result[] results = table.get(gets);
        for (int i = 0; i < results.length; i++) {
          byte[] value = results[i].getValue(spec.family().bytes(), ScoredLists.qualifier(list.get(i).version()));
          out.put(list.get(i), value == null ? Optional.empty() : Optional.ofNullable(decode.apply(value)));
        }
      }
      return out;
    });
  }

  private interface Read<T> {
    T run() throws IOException;
  }

  /** Runs one HBase read, metered; an IOException comes out unchecked (through the cache) to be unwrapped. */
  private <T> T timed(TableSpec table, Read<T> read) {
    long started = System.nanoTime();
    boolean ok = false;
    try {
      T result = read.run();
      ok = true;
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      metrics.hbaseCall(table.tableName().getQualifierAsString(), ok, System.nanoTime() - started);
    }
  }
}
