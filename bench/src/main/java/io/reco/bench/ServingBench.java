package io.reco.bench;

import io.reco.hbase.StandaloneHBase;
import io.reco.records.Settings;
import io.reco.schema.ModelRegistry;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.RowKeys;
import io.reco.schema.SchemaAdmin;
import io.reco.schema.ScoredLists;
import io.reco.schema.TableSpec;
import io.reco.schema.avro.ScoredItem;
import io.reco.serving.RecoServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Durability;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;

/**
 * Latency and throughput of the recommendation service under load, beside raw HBase gets of the same rows measured
 * in the same run (the floor a request cannot go under). A standalone HBase holds a synthetic model - each of
 * {@code items} items with 20-50 similar items, each of {@code users} users with 5-20 recent items, picks biased
 * to popular items, the popular list - and {@link RecoServer} serves it in this JVM with its default settings.
 * {@code wrk} drives each endpoint over loopback at 1, 16 and 64 connections (90% known ids, 10% unknown);
 * Java threads then get the same rows straight from HBase through one shared connection, as many as there were
 * connections. The threads and heap of this JVM (HBase and the service) are taken before and during each run.
 * Usage: {@code bench/serving [users=100000] [items=50000] [seconds=10]}.
 */
public final class ServingBench {
  private static final int[] CONNECTIONS = {1, 16, 64};
  private static final int POPULAR_SIZE = 100;
  private static final int FIRST_ITEM = 100_000;
  private static final double GOAL_P99_MS = 10;
  private static final double GOAL_RATE = 2_000;
  private static final double GOAL_RATIO = 3;
  private static final Pattern WRK_RESULT = Pattern.compile("wrk-result (.*)");
  private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  /** A row of the tables printed: markdown, aligned. */
  private static final String ROW = "| %11s | %7s | %6s | %6s | %8s | %-20s | %11s | %6s | %7s | %15s | %9s | %11s "
      + "| %9s | %10s |%n";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** One endpoint, the table its rows live in, the ids asked for (known and unknown) and their paths' file. */
  private record Endpoint(String label, String title, TableSpec table, List<String> ids, Path paths) {
  }

  /** One wrk run against the service, with this JVM's threads and heap before and under it. */
  private record HttpRun(double rate, double p50, double p99, double p999, long requests, long non2xx,
      Map<String, Long> statuses, long socketErrors, double cacheHits, int threadsBefore, int threadsPeak,
      double heapBeforeMb, double heapPeakMb, double heapLiveMb) {
  }

  /** One run of raw gets. */
  private record GetRun(double rate, double p50, double p99, double p999, double found) {
  }

  private ServingBench() {
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int items = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path dir = Path.of("var", "bench", "serving").toAbsolutePath();
    deleteTree(dir);
    Files.createDirectories(dir);
    Path script = dir.resolve("serving-wrk.lua");
    try (InputStream lua = ServingBench.class.getResourceAsStream("serving-wrk.lua")) {
      Files.copy(lua, script);
    }
    System.out.printf("machine: %d cores, Java %s, max heap %,d MB; %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), MEMORY.getHeapMemoryUsage().getMax() >> 20, wrkVersion());

    long started = System.nanoTime();
    try (StandaloneHBase hbase = StandaloneHBase.start(dir.resolve("hbase"))) {
      // reco's defaults (reco-default.xml) are a default resource of every configuration
      Configuration conf = hbase.configuration();
      System.out.printf("hbase: started in %.1f s over %s%n", (System.nanoTime() - started) / 1e9, hbase.directory());
      String version;
      try (Connection connection = ConnectionFactory.createConnection(conf)) {
        try (Admin admin = connection.getAdmin()) {
          new SchemaAdmin(admin).ensure();
        }
        version = load(connection, users, items);
      }
      Random random = new Random(7);
      Endpoint recommendations = endpoint("user_recommendations", "GET /v1/users/{id}/recommendations?k=10",
          RecoTables.USER_RECENT, ids(users, i -> "u" + i), id -> "/v1/users/" + id + "/recommendations?k=10",
          dir.resolve("users.paths"), random);
      Endpoint similar = endpoint("similar_items", "GET /v1/items/{id}/similar?k=10", RecoTables.ITEM_SIMILAR,
          ids(items, ServingBench::itemId), id -> "/v1/items/" + id + "/similar?k=10", dir.resolve("items.paths"),
          random);

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      try (RecoServer server = RecoServer.start(conf, "127.0.0.1", 0);
          Connection raw = ConnectionFactory.createConnection(conf)) {
        String base = "http://127.0.0.1:" + server.port();
        awaitReady(http, base);
        check(http, base, users, items);
        System.out.printf("service: RecoServer in this JVM on %s, default settings: %s%n", base, settings(conf));
        int idleThreads = THREADS.getThreadCount();

        System.out.printf("warm-up: wrk at 16 connections and raw gets on 16 threads, %d s each per endpoint%n",
            Math.min(seconds, 5));
        for (Endpoint endpoint : List.of(recommendations, similar)) {
          http(http, base, endpoint, 16, Math.min(seconds, 5), script, dir);
          gets(raw, endpoint, version, 16, Math.min(seconds, 5));
        }

        Map<String, List<HttpRun>> served = new HashMap<>();
        Map<String, List<GetRun>> gotten = new HashMap<>();
        for (Endpoint endpoint : List.of(recommendations, similar)) {
          System.out.printf("%n%s - %,d ids asked for, uniformly (%,d known, %,d unknown), %d s a run; "
              + "raw gets of the same rows of %s%n", endpoint.title(), endpoint.ids().size(),
              endpoint.ids().size() * 9 / 10, endpoint.ids().size() / 10, seconds, endpoint.table().name());
          printHeader();
          List<HttpRun> httpRuns = new ArrayList<>();
          List<GetRun> getRuns = new ArrayList<>();
          for (int connections : CONNECTIONS) {
            HttpRun h = http(http, base, endpoint, connections, seconds, script, dir);
            GetRun g = gets(raw, endpoint, version, connections, seconds);
            httpRuns.add(h);
            getRuns.add(g);
            printRow(connections, h, g);
          }
          served.put(endpoint.label(), httpRuns);
          gotten.put(endpoint.label(), getRuns);
        }
        System.out.println();
        System.out.println("(threads and heap: this JVM, which holds HBase and the service, before each run -> its"
            + " peak under load; live heap: after a full GC once the run is over. wrk runs on the same cores; the"
            + " raw gets run without it.)");
        printGoals(recommendations, similar, served, gotten, idleThreads, conf);
      }
    }
    System.out.printf("total %.0f s; HBase, the model and wrk's output are under %s%n",
        (System.nanoTime() - started) / 1e9, dir);
  }

  /** The item id of item number {@code i}: numbers, as the demo's products are. */
  private static String itemId(int i) {
    return Integer.toString(FIRST_ITEM + i);
  }

  /** The known ids, then as many unknown ones again as a ninth of them: a tenth of all. */
  private static List<String> ids(int known, IntFunction<String> id) {
    List<String> ids = new ArrayList<>(known + known / 9);
    for (int i = 0; i < known + known / 9; i++) {
      ids.add(id.apply(i));
    }
    return ids;
  }

  private static Endpoint endpoint(String label, String title, TableSpec table, List<String> ids,
      java.util.function.Function<String, String> path, Path file, Random random) throws IOException {
    List<String> paths = ids.stream().map(path).collect(Collectors.toCollection(ArrayList::new));
    Collections.shuffle(paths, random);
    Files.write(file, paths, StandardCharsets.UTF_8);
    return new Endpoint(label, title, table, ids, file);
  }

  /**
   * Writes the synthetic model through BufferedMutators, flushes the tables (reads come from HFiles, as after a
   * bulk load), registers and activates its version; returns the version.
   */
  private static String load(Connection connection, int users, int items) throws IOException {
    long start = System.nanoTime();
    Instant now = Instant.now();
    String version = ModelRegistry.newVersion(now);
    ModelRegistry registry = new ModelRegistry(connection);
    registry.register(version, now);
    Random random = new Random(42);
    long similarItems = write(connection, RecoTables.ITEM_SIMILAR, version, items, ServingBench::itemId, i -> {
      Set<Integer> picked = new LinkedHashSet<>();
      int size = 20 + random.nextInt(31);
      while (picked.size() < size) {
        int other = popularItem(random, items);
        if (other != i) {
          picked.add(other);
        }
      }
      List<ScoredItem> list = new ArrayList<>(size);
      double score = 0.6 + 0.4 * random.nextDouble();
      for (int other : picked) {
        list.add(new ScoredItem(itemId(other), score));
        score *= 0.9 + 0.09 * random.nextDouble();
      }
      return list;
    });
    long recentItems = write(connection, RecoTables.USER_RECENT, version, users, i -> "u" + i, i -> {
      Set<Integer> picked = new LinkedHashSet<>();
      int size = 5 + random.nextInt(16);
      while (picked.size() < size) {
        picked.add(popularItem(random, items));
      }
      List<ScoredItem> list = new ArrayList<>(size);
      for (int item : picked) {
        // strength of the interaction (view 1 ... purchase 5) times its recency, a week's half-life
        double strength = new double[] {1, 2, 3, 5}[random.nextInt(4)];
        list.add(new ScoredItem(itemId(item), strength * Math.pow(0.5, random.nextDouble() * 4)));
      }
      list.sort(Comparator.comparingDouble(ScoredItem::getScore).reversed());
      return list;
    });
    write(connection, RecoTables.POPULAR, version, 1, i -> PopularLists.GLOBAL, i -> {
      List<ScoredItem> list = new ArrayList<>(POPULAR_SIZE);
      for (int j = 0; j < Math.min(POPULAR_SIZE, items); j++) {
        list.add(new ScoredItem(itemId(j), 1000.0 / (j + 1)));
      }
      return list;
    });
    try (Admin admin = connection.getAdmin()) {
      for (TableSpec table : RecoTables.ALL) {
        admin.flush(table.tableName());
      }
    }
    registry.recordStats(version, Map.of("items", items, "users", users));
    registry.activate(version);
    System.out.printf("model %s: %,d items with 20-50 similar items (%.1f on average), %,d users with 5-20 recent"
        + " items (%.1f), a popular list of %d; picks biased to popular items; written and flushed in %.1f s%n",
        version, items, (double) similarItems / items, users, (double) recentItems / users,
        Math.min(POPULAR_SIZE, items), (System.nanoTime() - start) / 1e9);
    return version;
  }

  /** An item number, small numbers far more often: a fifth of the picks fall on the top 1% of items. */
  private static int popularItem(Random random, int items) {
    return (int) (items * Math.pow(random.nextDouble(), 3));
  }

  /** Writes {@code rows} lists into {@code table}; returns the items written. */
  private static long write(Connection connection, TableSpec table, String version, int rows, IntFunction<String> id,
      IntFunction<List<ScoredItem>> list) throws IOException {
    long written = 0;
    try (BufferedMutator mutator = connection.getBufferedMutator(table.tableName())) {
      for (int i = 0; i < rows; i++) {
        String entity = id.apply(i);
        List<ScoredItem> items = list.apply(i);
        written += items.size();
        // no WAL: the tables are flushed once the model is written
        mutator.mutate(new Put(RowKeys.of(entity)).add(ScoredLists.cell(table, entity, version, items))
            .setDurability(Durability.SKIP_WAL));
      }
    }
    return written;
  }

  private static void awaitReady(HttpClient http, String base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (get(http, base + "/health/ready").statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the service is not ready after 60 s: " + base + "/health/ready");
      }
      Thread.sleep(100);
    }
  }

  /** The service answers each kind of id as it should before it is measured. */
  private static void check(HttpClient http, String base, int users, int items) throws Exception {
    expect(http, base + "/v1/users/u0/recommendations?k=10", 200, "\"strategy\":\"personalized\"");
    expect(http, base + "/v1/users/u" + users + "/recommendations?k=10", 200, "\"strategy\":\"popular\"");
    expect(http, base + "/v1/items/" + itemId(0) + "/similar?k=10", 200, "\"strategy\":\"similar\"");
    expect(http, base + "/v1/items/" + itemId(items) + "/similar?k=10", 404, "unknown item");
  }

  private static void expect(HttpClient http, String url, int status, String text) throws Exception {
    HttpResponse<String> response = get(http, url);
    if (response.statusCode() != status || !response.body().contains(text)) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + " " + response.body()
          + "; expected " + status + " with " + text);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String settings(Configuration conf) {
    List<String> keys = List.of(RecoServer.THREADS, RecoServer.MAX_ACTIVE, RecoServer.MAX_QUEUED,
        RecoServer.CACHE_TTL_MS, RecoServer.CACHE_MAX_ENTRIES, RecoServer.HBASE_TIMEOUT_MS);
    return keys.stream().map(k -> k.substring("reco.serving.".length()) + "=" + Settings.get(conf, k))
        .collect(Collectors.joining(", "));
  }

  private static String wrkVersion() throws Exception {
    Process wrk = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    wrk.waitFor();
    return out.lines().findFirst().orElse("wrk").replaceAll("\\s*Copyright.*", "");
  }

  /** Runs wrk against {@code endpoint}; the service's own counts of statuses and cache hits are diffed around it. */
  private static HttpRun http(HttpClient http, String base, Endpoint endpoint, int connections, int seconds,
      Path script, Path dir) throws Exception {
    Map<String, Double> before = scrape(http, base);
    int threadsBefore = THREADS.getThreadCount();
    long heapBefore = MEMORY.getHeapMemoryUsage().getUsed();
    THREADS.resetPeakThreadCount();
    Path out = dir.resolve("wrk-" + endpoint.label() + "-" + connections + ".txt");
    Process wrk = new ProcessBuilder("wrk", "-t", Integer.toString(Math.min(connections, 2)),
        "-c", Integer.toString(connections), "-d", seconds + "s", "--latency", "-s", script.toString(), base + "/",
        "--", endpoint.paths().toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    long heapPeak = heapBefore;
    while (!wrk.waitFor(50, TimeUnit.MILLISECONDS)) {
      heapPeak = Math.max(heapPeak, MEMORY.getHeapMemoryUsage().getUsed());
    }
    int threadsPeak = THREADS.getPeakThreadCount();
    String text = Files.readString(out);
    Matcher line = WRK_RESULT.matcher(text);
    if (wrk.exitValue() != 0 || !line.find()) {
      throw new IllegalStateException("wrk failed (exit " + wrk.exitValue() + "):\n" + text);
    }
    Map<String, Long> result = new HashMap<>();
    for (String field : line.group(1).trim().split(" ")) {
      String[] kv = field.split("=");
      result.put(kv[0], Long.parseLong(kv[1]));
    }
    Map<String, Double> after = scrape(http, base);
    System.gc();
    double live = MEMORY.getHeapMemoryUsage().getUsed() / 1048576.0;

    Map<String, Long> statuses = new TreeMap<>();
    for (Map.Entry<String, Double> e : after.entrySet()) {
      Map<String, String> labels = labels(e.getKey(), "reco_http_requests_seconds_count");
      if (labels != null && endpoint.label().equals(labels.get("endpoint"))) {
        long n = Math.round(e.getValue() - before.getOrDefault(e.getKey(), 0.0));
        if (n > 0) {
          statuses.put(labels.get("status"), n);
        }
      }
    }
    double hits = cacheGets(before, after, "hit");
    double misses = cacheGets(before, after, "miss");
    double duration = result.get("duration_us") / 1e6;
    return new HttpRun(result.get("requests") / duration, result.get("p50_us") / 1e3, result.get("p99_us") / 1e3,
        result.get("p999_us") / 1e3, result.get("requests"), result.get("non2xx"), statuses,
        result.get("connect") + result.get("read") + result.get("write") + result.get("timeout"),
        hits + misses == 0 ? 0 : hits / (hits + misses), threadsBefore, threadsPeak, heapBefore / 1048576.0,
        heapPeak / 1048576.0, live);
  }

  private static double cacheGets(Map<String, Double> before, Map<String, Double> after, String result) {
    double n = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      Map<String, String> labels = labels(e.getKey(), "cache_gets_total");
      if (labels != null && "reco_lists".equals(labels.get("cache")) && result.equals(labels.get("result"))) {
        n += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      }
    }
    return n;
  }

  /** The labels of a scraped series of metric {@code name}, or null for another metric. */
  private static Map<String, String> labels(String series, String name) {
    if (!series.startsWith(name + "{")) {
      return null;
    }
    Map<String, String> labels = new HashMap<>();
    Matcher m = LABEL.matcher(series.substring(name.length()));
    while (m.find()) {
      labels.put(m.group(1), m.group(2));
    }
    return labels;
  }

  /** The service's meters ({@code /metrics}), by series. */
  private static Map<String, Double> scrape(HttpClient http, String base) throws Exception {
    Map<String, Double> series = new HashMap<>();
    for (String line : get(http, base + "/metrics").body().split("\n")) {
      Matcher m = METRIC.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        series.put(m.group(1) + "{" + m.group(2) + "}", Double.parseDouble(m.group(3)));
      }
    }
    return series;
  }

  /**
   * Gets random rows of the endpoint's ids (the same draws as wrk's: uniform, unknown ids included) from its table
   * on {@code threads} threads through one connection for {@code seconds}; the Get is built before it is timed.
   */
  private static GetRun gets(Connection connection, Endpoint endpoint, String version, int threads, int seconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<String> ids = endpoint.ids();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      List<Histogram> histograms = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        histograms.add(histogram);
        Random random = new Random(42 + t);
        parts.add(pool.submit(() -> {
          long found = 0;
          long done = 0;
          try (Table table = connection.getTable(endpoint.table().tableName())) {
            while (System.nanoTime() < end) {
              Get get = ScoredLists.get(endpoint.table(), ids.get(random.nextInt(ids.size())), version);
              long t0 = System.nanoTime();
              boolean empty = table.get(get).isEmpty();
              histogram.recordValue(System.nanoTime() - t0);
              done++;
              found += empty ? 0 : 1;
            }
          }
          return new long[] {done, found};
        }));
      }
      long done = 0;
      long found = 0;
      for (Future<long[]> part : parts) {
        done += part.get()[0];
        found += part.get()[1];
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      histograms.forEach(all::add);
      return new GetRun(done / elapsed, all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6,
          all.getValueAtPercentile(99.9) / 1e6, (double) found / done);
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  private static void printHeader() {
    System.out.printf(ROW, "connections", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "non-2xx", "raw get p50",
        "p99 ms", "gets/s", "servlet/raw p50", "threads", "heap MB", "live heap", "cache hits");
    System.out.printf(ROW, "---:", "---:", "---:", "---:", "---:", "---", "---:", "---:", "---:", "---:", "---:",
        "---:", "---:", "---:");
  }

  private static void printRow(int connections, HttpRun h, GetRun g) {
    List<Map.Entry<String, Long>> errors = h.statuses().entrySet().stream()
        .filter(e -> !e.getKey().startsWith("2")).toList();
    String non2xx = h.non2xx() == 0 ? "0" : errors.size() == 1
        ? String.format("%,d (%.1f%%, %s)", h.non2xx(), 100.0 * h.non2xx() / h.requests(), errors.get(0).getKey())
        : String.format("%,d (%s)", h.non2xx(), errors.stream()
            .map(e -> String.format("%s: %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
    if (h.socketErrors() > 0) {
      non2xx += String.format(" + %,d socket errors", h.socketErrors());
    }
    System.out.printf(ROW, connections, String.format("%,.0f", h.rate()), ms(h.p50()), ms(h.p99()), ms(h.p999()),
        non2xx, ms(g.p50()), ms(g.p99()), String.format("%,.0f", g.rate()), String.format("%.1fx", h.p50() / g.p50()),
        h.threadsBefore() + "->" + h.threadsPeak(), String.format("%.0f->%.0f", h.heapBeforeMb(), h.heapPeakMb()),
        String.format("%.0f MB", h.heapLiveMb()), String.format("%.0f%%", 100 * h.cacheHits()));
  }

  private static String ms(double ms) {
    return ms < 10 ? String.format("%.2f", ms) : String.format("%.1f", ms);
  }

  private static void printGoals(Endpoint recommendations, Endpoint similar, Map<String, List<HttpRun>> served,
      Map<String, List<GetRun>> gotten, int idleThreads, Configuration conf) {
    System.out.println();
    int last = CONNECTIONS.length - 1;
    HttpRun top = served.get(recommendations.label()).get(last);
    boolean topPass = top.p99() <= GOAL_P99_MS && top.rate() >= GOAL_RATE;
    System.out.printf("top picks p99 <= %.0f ms at >= %,.0f req/s: %s (p99 %s ms at %,.0f req/s, %d connections)%n",
        GOAL_P99_MS, GOAL_RATE, topPass ? "PASS" : "MISS", ms(top.p99()), top.rate(), CONNECTIONS[last]);

    double worst = 0;
    String where = "";
    List<String> ratios = new ArrayList<>();
    for (Endpoint endpoint : List.of(recommendations, similar)) {
      for (int i = 0; i < CONNECTIONS.length; i++) {
        double ratio = served.get(endpoint.label()).get(i).p50() / gotten.get(endpoint.label()).get(i).p50();
        ratios.add(String.format("%.1fx", ratio));
        if (ratio > worst) {
          worst = ratio;
          where = endpoint.label() + " at " + CONNECTIONS[i] + " connections";
        }
      }
    }
    System.out.printf("servlet p50 within %.0fx raw get: %s (worst %.1fx, %s; top picks at 1/16/64 connections %s, "
        + "similar items %s)%n", GOAL_RATIO, worst <= GOAL_RATIO ? "PASS" : "MISS", worst, where,
        String.join("/", ratios.subList(0, CONNECTIONS.length)),
        String.join("/", ratios.subList(CONNECTIONS.length, ratios.size())));

    // what the service may start under load: the container's pool, the API's pool and the HBase read threads
    int active = Settings.getInt(conf, RecoServer.MAX_ACTIVE);
    int bound = Settings.getInt(conf, RecoServer.THREADS) + active + 2 * active;
    int peak = 0;
    double heapPeak = 0;
    double liveMin = Double.MAX_VALUE;
    double liveMax = 0;
    for (List<HttpRun> runs : served.values()) {
      for (HttpRun run : runs) {
        peak = Math.max(peak, run.threadsPeak());
        heapPeak = Math.max(heapPeak, run.heapPeakMb());
        liveMin = Math.min(liveMin, run.heapLiveMb());
        liveMax = Math.max(liveMax, run.heapLiveMb());
      }
    }
    double heapMax = MEMORY.getHeapMemoryUsage().getMax() / 1048576.0;
    boolean bounded = peak <= idleThreads + bound && heapPeak < 0.9 * heapMax;
    System.out.printf("threads and heap bounded under load: %s (threads: %d idle, peak %d, at most %d + %d the "
        + "service's pools may start; heap: peak %.0f MB of %.0f MB, live %.0f-%.0f MB after the runs)%n",
        bounded ? "PASS" : "MISS", idleThreads, peak, idleThreads, bound, heapPeak, heapMax, liveMin, liveMax);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
