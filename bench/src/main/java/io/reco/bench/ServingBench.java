package io.reco.bench;

import io.reco.hbase.StandaloneHBase;
import io.reco.jobs.toppicks.TopPicksJob;
import io.reco.ranking.RankingSettings;
import io.reco.ranking.TopPicks;
import io.reco.records.Settings;
import io.reco.schema.FeatureCells;
import io.reco.schema.ModelRegistry;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.RowKeys;
import io.reco.schema.SchemaAdmin;
import io.reco.schema.ScoredLists;
import io.reco.schema.TableSpec;
import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.ScoredItem;
import io.reco.serving.RecoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
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
import java.util.HashSet;
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
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.commons.io.FileUtils;
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
 * {@code wrk} drives each endpoint over loopback at 1, 16 and 64 connections (90% known ids, 10% unknown, drawn
 * uniformly); Java threads then get the same rows straight from HBase through one shared connection, as many as
 * there were connections. The latencies are wrk's, which it corrects for coordinated omission (a response slower
 * than the run's mean interval also counts the requests a steady client would have sent meanwhile); the service's
 * own timing of the same requests, its list cache's hits, this JVM's threads, heap and GC pauses, and the CPU
 * time of this JVM, wrk and the rest of the machine are taken beside them.
 * Usage: {@code bench/serving [users=100000] [items=50000] [seconds=10]}.
 */
public final class ServingBench {
  private static final int[] CONNECTIONS = {1, 16, 64};
  /** The paced run of the goal: this many connections, each pausing {@link #PACE_MS} before each request. */
  private static final int PACED_CONNECTIONS = 26;
  private static final int PACE_MS = 10;
  private static final int POPULAR_SIZE = 100;
  /** The categories of the synthetic catalog. */
  private static final int CATEGORIES = 20;
  private static final int FIRST_ITEM = 100_000;
  private static final double GOAL_P99_MS = 10;
  private static final double GOAL_RATE = 2_000;
  private static final double GOAL_RATIO = 3;
  /** The upper bounds of the service's latency histogram's buckets, s, as its metrics name them. */
  private static final double[] BUCKETS = {0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
      1, 2.5, 5};
  private static final Pattern WRK_RESULT = Pattern.compile("wrk-result (.*)");
  private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  /** A row of the tables printed: markdown, aligned. */
  private static final String ROW = "| %11s | %7s | %6s | %6s | %8s | %-20s | %11s | %6s | %7s | %15s | %9s | %9s "
      + "| %7s | %11s | %10s | %17s | %16s | %8s |%n";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** One endpoint, the table its rows live in, the ids asked for (known ones first) and their paths' file. */
  private record Endpoint(String label, String title, TableSpec table, List<String> ids, int known, Path paths) {
  }

  /** What this JVM, wrk and the rest of the machine used during one run, in cores; GC pauses; the heap's peak. */
  private record Usage(double jvmCores, double wrkCores, double otherCores, long gcs, long gcMillis,
      double heapPeakMb) {
  }

  /** One wrk run against the service, with this JVM's threads and heap before and under it. */
  private record HttpRun(double rate, double p50, double p99, double p999, long requests, long non2xx,
      Map<String, Long> statuses, long socketErrors, Service service, double cacheHits, int threadsBefore,
      int threadsPeak, Map<String, Integer> threadGroups, double heapBeforeMb, double heapLiveMb, Usage usage,
      Map<String, Double> readsPerRequest) {
  }

  /**
   * The same requests as the service timed them (from its front door to the last byte, so without the network and
   * wrk's own time): mean, 99th percentile as the bucket of its histogram holding it, and the time spent in HBase
   * reads per request.
   */
  private record Service(double meanMs, double p99AtMostMs, double hbaseMs) {
  }

  /** One run of raw gets. */
  private record GetRun(double rate, double p50, double p99, double p999, Usage usage) {
  }

  /**
   * Takes what a run uses: this JVM's CPU time and GC pauses, wrk's CPU time ({@code /proc/<pid>/stat}, read
   * while it runs), the machine's ({@code /proc/stat}), and the heap's peak, sampled.
   */
  private static final class Meter {
    /** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
    private static final double TICKS = 100;
    private final long startNanos = System.nanoTime();
    private final long jvmStart = OS.getProcessCpuTime();
    private final long machineStart = machineTicks();
    private final long[] gcStart = gc();
    private long wrkTicks;
    private long heapPeak = MEMORY.getHeapMemoryUsage().getUsed();

    void sample(Process wrk) {
      heapPeak = Math.max(heapPeak, MEMORY.getHeapMemoryUsage().getUsed());
      if (wrk != null) {
        try {
          String[] stat = Files.readString(Path.of("/proc", Long.toString(wrk.pid()), "stat"))
              .replaceFirst("^.*\\) ", "").split(" ");
          // utime and stime: fields 14 and 15 of the line, 12 and 13 after "pid (comm) "
          wrkTicks = Math.max(wrkTicks, Long.parseLong(stat[11]) + Long.parseLong(stat[12]));
        } catch (IOException e) {
          // wrk has just ended: its last reading stands
        }
      }
    }

    Usage end() {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      double jvm = (OS.getProcessCpuTime() - jvmStart) / 1e9 / seconds;
      double wrk = wrkTicks / TICKS / seconds;
      double machine = (machineTicks() - machineStart) / TICKS / seconds;
      long[] gc = gc();
      return new Usage(jvm, wrk, Math.max(0, machine - jvm - wrk), gc[0] - gcStart[0], gc[1] - gcStart[1],
          heapPeak / 1048576.0);
    }

    /** The machine's busy CPU time so far, all cores. */
    private static long machineTicks() {
      try {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        // user nice system idle iowait irq softirq steal: all but idle and iowait
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
          busy += Long.parseLong(cpu[i]);
        }
        return busy;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read /proc/stat", e);
      }
    }

    /** Collections and their time so far, ms. */
    private static long[] gc() {
      long count = 0;
      long millis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        count += Math.max(0, gc.getCollectionCount());
        millis += Math.max(0, gc.getCollectionTime());
      }
      return new long[] {count, millis};
    }
  }

  private ServingBench() {
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int items = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    if (users < 1 || items < 100 || seconds < 1) {
      throw new IllegalArgumentException("bench/serving [users >= 1] [items >= 100] [seconds >= 1], were " + users
          + ", " + items + " and " + seconds);
    }
    Path dir = Path.of("var", "bench", "serving").toAbsolutePath();
    FileUtils.deleteDirectory(dir.toFile());
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
          RecoTables.USER_RECENT, users, i -> "u" + i, id -> "/v1/users/" + id + "/recommendations?k=10",
          dir.resolve("users.paths"), random);
      Endpoint similar = endpoint("similar_items", "GET /v1/items/{id}/similar?k=10", RecoTables.ITEM_SIMILAR,
          items, ServingBench::itemId, id -> "/v1/items/" + id + "/similar?k=10", dir.resolve("items.paths"),
          random);
      Endpoint together = endpoint("bought_together", "GET /v1/items/{id}/bought-together?k=10",
          RecoTables.ITEM_TOGETHER, items, ServingBench::itemId, id -> "/v1/items/" + id + "/bought-together?k=10",
          dir.resolve("together.paths"), random);
      // a cart of the item and two others, a session of the item after two others (every item known)
      Random draws = new Random(11);
      Endpoint cart = endpoint("cart_addons", "POST /v1/cart/addons {\"items\":[3 items]}", RecoTables.ITEM_TOGETHER,
          items, ServingBench::itemId, id -> "POST /v1/cart/addons {\"items\":[\"" + id + "\",\""
              + itemId(popularItem(draws, items)) + "\",\"" + itemId(popularItem(draws, items)) + "\"],\"k\":10}",
          dir.resolve("cart.paths"), random, items);
      Endpoint session = endpoint("session_recommendations", "POST /v1/session/recommendations {\"items\":[3 items]}",
          RecoTables.ITEM_NEXT, items, ServingBench::itemId, id -> "POST /v1/session/recommendations {\"items\":[\""
              + itemId(popularItem(draws, items)) + "\",\"" + itemId(popularItem(draws, items)) + "\",\"" + id
              + "\"],\"k\":10}", dir.resolve("session.paths"), random, items);
      Endpoint popular = endpoint("popular", "GET /v1/popular?category={c}&k=10", RecoTables.POPULAR, CATEGORIES,
          i -> PopularLists.category(category(i)), row -> "/v1/popular?k=10&category="
              + row.substring(PopularLists.category("").length()), dir.resolve("popular.paths"), random, CATEGORIES);
      Endpoint filtered = endpoint("user_recommendations", "GET /v1/users/{id}/recommendations?k=10"
          + "&max_per_category=3&price_max=500&explain=true (filters, diversity, explanations)", RecoTables.USER_RECENT,
          users, i -> "u" + i, id -> "/v1/users/" + id + "/recommendations?k=10&max_per_category=3&price_max=500"
              + "&explain=true", dir.resolve("filtered.paths"), random);
      List<Endpoint> measured = new ArrayList<>(List.of(recommendations, similar, together, cart, session, popular,
          filtered));
      if (args.length > 3) {
        // only the endpoints named (their labels, comma-separated); the goals need top picks and similar items
        List<String> only = List.of(args[3].split(","));
        measured.removeIf(e -> e != recommendations && e != similar && !only.contains(e.label()));
      }

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      try (RecoServer server = RecoServer.start(conf, "127.0.0.1", 0);
          Connection raw = ConnectionFactory.createConnection(conf)) {
        String base = "http://127.0.0.1:" + server.port();
        awaitReady(http, base);
        check(http, base, users, items);
        System.out.printf("service: RecoServer in this JVM on %s, default settings: %s%n", base, settings(conf));
        int idleThreads = THREADS.getThreadCount();
        Map<String, Integer> idleGroups = threadGroups();

        System.out.printf("warm-up: wrk at 16 connections and raw gets on 16 threads, %d s each per endpoint%n",
            Math.min(seconds, 5));
        for (Endpoint endpoint : measured) {
          http(http, base, endpoint, 16, Math.min(seconds, 5), script, dir);
          gets(raw, endpoint, version, 16, Math.min(seconds, 5));
        }

        Map<String, List<HttpRun>> served = new HashMap<>();
        HttpRun paced = null;
        Map<String, List<GetRun>> gotten = new HashMap<>();
        for (Endpoint endpoint : measured) {
          System.out.printf("%n%s - %,d ids asked for, uniformly (%,d known, %,d unknown), %d s a run; "
              + "raw gets of the same rows of %s%n", endpoint.title(), endpoint.ids().size(),
              endpoint.known(), endpoint.ids().size() - endpoint.known(), seconds, endpoint.table().name());
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
          printOtherLoad(getRuns);
          System.out.println("HBase reads per request at 16 connections, by table (cache misses; a multi-get is one): "
              + httpRuns.get(1).readsPerRequest().entrySet().stream()
                  .map(e -> String.format("%s %.2f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
          if (endpoint == recommendations) {
            paced = http(http, base, endpoint, PACED_CONNECTIONS, PACE_MS, seconds, script, dir);
            System.out.printf("paced: %d connections, each pausing %d ms before each request: %,.0f req/s, p50 %s ms,"
                + " p99 %s ms, p99.9 %s ms, %s non-2xx%n", PACED_CONNECTIONS, PACE_MS, paced.rate(), ms(paced.p50()),
                ms(paced.p99()), ms(paced.p999()), paced.non2xx());
          }
          if (endpoint == recommendations || endpoint == similar) {
            served.put(endpoint.label(), httpRuns);
            gotten.put(endpoint.label(), getRuns);
          }
        }
        System.out.println();
        System.out.println("(threads and heap MB: this JVM, which holds HBase and the service, before each run -> its"
            + " peak under load; live MB: the heap after a full GC once the run is over; CPU in cores, 'other' being"
            + " the rest of the machine. wrk runs on the same cores; the raw gets run without it.)");
        printGoals(recommendations, similar, served, paced, gotten, idleThreads, idleGroups, conf);
      }
    }
    System.out.printf("total %.0f s; HBase, the model and wrk's output are under %s%n",
        (System.nanoTime() - started) / 1e9, dir);
  }

  /** The item id of item number {@code i}: numbers, as the demo's products are. */
  private static String itemId(int i) {
    return Integer.toString(FIRST_ITEM + i);
  }

  private static Endpoint endpoint(String label, String title, TableSpec table, int known, IntFunction<String> id,
      Function<String, String> path, Path file, Random random) throws IOException {
    // the known ids, then as many unknown ones again as a ninth of them: a tenth of all
    return endpoint(label, title, table, known, id, path, file, random, known + known / 9);
  }

  /**
   * An endpoint asked for {@code asked} ids, the first {@code known} of them known; each path is a GET's, or
   * {@code POST <path> <body>}.
   */
  private static Endpoint endpoint(String label, String title, TableSpec table, int known, IntFunction<String> id,
      Function<String, String> path, Path file, Random random, int asked) throws IOException {
    List<String> ids = new ArrayList<>(asked);
    for (int i = 0; i < asked; i++) {
      ids.add(id.apply(i));
    }
    List<String> paths = ids.stream().map(path).collect(Collectors.toCollection(ArrayList::new));
    Collections.shuffle(paths, random);
    Files.write(file, paths, StandardCharsets.UTF_8);
    return new Endpoint(label, title, table, ids, known, file);
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
    Configuration settings = new Configuration();
    int activeDays = Settings.getInt(settings, TopPicksJob.ACTIVE_DAYS);
    Map<String, List<ScoredItem>> similar = new HashMap<>();
    long similarItems = write(connection, RecoTables.ITEM_SIMILAR, version, items, ServingBench::itemId, i -> {
      List<ScoredItem> list = neighbours(random, items, i, 20 + random.nextInt(31));
      similar.put(itemId(i), list);
      return list;
    });
    List<List<ScoredItem>> recent = new ArrayList<>(users);
    boolean[] active = new boolean[users];
    long recentItems = write(connection, RecoTables.USER_RECENT, version, users, i -> "u" + i, i -> {
      Set<Integer> picked = new LinkedHashSet<>();
      int size = 5 + random.nextInt(16);
      while (picked.size() < size) {
        picked.add(popularItem(random, items));
      }
      List<ScoredItem> list = new ArrayList<>(size);
      for (int item : picked) {
        // strength of the interaction (view 1 ... purchase 5) times its recency: up to 4 weeks old, a week's half-life
        double strength = new double[] {1, 2, 3, 5}[random.nextInt(4)];
        double weeks = random.nextDouble() * 4;
        active[i] |= weeks * 7 < activeDays;
        list.add(new ScoredItem(itemId(item), strength * Math.pow(0.5, weeks)));
      }
      list.sort(Comparator.comparingDouble(ScoredItem::getScore).reversed());
      recent.add(list);
      return list;
    });
    write(connection, RecoTables.POPULAR, version, 1, i -> PopularLists.GLOBAL, i -> popularList(items));
    long togetherItems = write(connection, RecoTables.ITEM_TOGETHER, version, items, ServingBench::itemId,
        i -> neighbours(random, items, i, 5 + random.nextInt(11)));
    long nextItems = write(connection, RecoTables.ITEM_NEXT, version, items, ServingBench::itemId,
        i -> neighbours(random, items, i, 10 + random.nextInt(21)));
    write(connection, RecoTables.POPULAR, version, CATEGORIES, i -> PopularLists.category(category(i)), c -> {
      List<ScoredItem> list = new ArrayList<>(POPULAR_SIZE);
      for (int j = c; j < items && list.size() < POPULAR_SIZE; j += CATEGORIES) {
        list.add(new ScoredItem(itemId(j), 1000.0 / (j + 1)));
      }
      return list;
    });
    // what the top-picks job precomputes for the users active in its window, with its ranking and settings: the
    // picks of the same blend, none of the items the default rules never answer (here: out of stock)
    TopPicks ranker = RankingSettings.topPicks(settings);
    int k = Settings.getInt(settings, TopPicksJob.PRECOMPUTE_K);
    Set<String> unavailable = new HashSet<>();
    for (int i = 0; i < items; i++) {
      if (!inStock(i)) {
        unavailable.add(itemId(i));
      }
    }
    List<ScoredItem> globalPopular = popularList(items);
    long precomputed = 0;
    try (BufferedMutator mutator = connection.getBufferedMutator(RecoTables.USER_TOP.tableName())) {
      for (int i = 0; i < users; i++) {
        if (!active[i]) {
          continue;
        }
        TopPicks.Answer answer = ranker.rank(recent.get(i), unavailable, seeds -> similar, globalPopular, k);
        if (answer.strategy().equals("personalized")) {
          mutator.mutate(new Put(RowKeys.of("u" + i)).add(ScoredLists.cell(RecoTables.USER_TOP, "u" + i, version,
              answer.items())).setDurability(Durability.SKIP_WAL));
          precomputed++;
        }
      }
    }
    // the facts the rules and filters read: a category, a price, one item in fifty out of stock
    try (BufferedMutator mutator = connection.getBufferedMutator(RecoTables.ITEM_FEATURES.tableName())) {
      for (int i = 0; i < items; i++) {
        ItemFeatures features = ItemFeatures.newBuilder().setItemId(itemId(i)).setAsOf(now.toEpochMilli())
            .setViews(0).setClicks(0).setAddToCarts(0).setPurchases(0).setUsers(0).setFirstSeen(null)
            .setLastPurchase(null).setPopularity(0.0).setConversionRate(0.0).setAvgRating(null).setAvgPrice(null)
            .setRecencyScore(0.0).setTrendingScore(0.0).setCategory(category(i % CATEGORIES))
            .setPrice(5.0 + random.nextInt(1000)).setIsActive(true).setInStock(inStock(i)).build();
        mutator.mutate(new Put(RowKeys.of(itemId(i))).addColumn(RecoTables.ITEM_FEATURES.family().bytes(),
            ScoredLists.qualifier(version), FeatureCells.encode(features)).setDurability(Durability.SKIP_WAL));
      }
    }
    try (Admin admin = connection.getAdmin()) {
      for (TableSpec table : RecoTables.ALL) {
        admin.flush(table.tableName());
      }
    }
    registry.recordStats(version, Map.of("items", items, "users", users));
    registry.activate(version);
    System.out.printf("model %s: %,d items with 20-50 similar items (%.1f on average), 5-15 bought together (%.1f)"
        + " and 10-30 next (%.1f), each with features (%d categories, prices 5-1004, 2%% out of stock); %,d users"
        + " with 5-20 recent items (%.1f), the top picks of the %,d active in the last %d days precomputed as the"
        + " top-picks job ranks them; a popular list of %d, and one per category; picks biased to popular"
        + " items; written and flushed in %.1f s%n", version, items, (double) similarItems / items,
        (double) togetherItems / items, (double) nextItems / items, CATEGORIES, users, (double) recentItems / users,
        precomputed, activeDays, Math.min(POPULAR_SIZE, items), (System.nanoTime() - start) / 1e9);
    return version;
  }

  /** {@code size} other items, popular ones more often, scored from 0.6-1.0 down by 1-10% a step. */
  /** The global popular list: the first items, most popular first. */
  private static List<ScoredItem> popularList(int items) {
    List<ScoredItem> list = new ArrayList<>(POPULAR_SIZE);
    for (int j = 0; j < Math.min(POPULAR_SIZE, items); j++) {
      list.add(new ScoredItem(itemId(j), 1000.0 / (j + 1)));
    }
    return list;
  }

  /** One item in fifty is out of stock. */
  private static boolean inStock(int item) {
    return item % 50 != 7;
  }

  private static List<ScoredItem> neighbours(Random random, int items, int item, int size) {
    Set<Integer> picked = new LinkedHashSet<>();
    while (picked.size() < size) {
      int other = popularItem(random, items);
      if (other != item) {
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
  }

  /** The name of category number {@code c}. */
  private static String category(int c) {
    return "category-" + c;
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
    expect(http, base + "/v1/items/" + itemId(0) + "/bought-together?k=10", 200, "\"strategy\":\"bought-together\"");
    expect(http, base + "/v1/popular?k=10&category=" + category(0), 200, "\"strategy\":\"popular\"");
    expect(http, base + "/v1/users/u0/recommendations?k=10&explain=true", 200, "\"because\":{\"item\":");
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
    return http(http, base, endpoint, connections, 0, seconds, script, dir);
  }

  /** A wrk run at {@code connections}, each pausing {@code pauseMs} before each request (0: none). */
  private static HttpRun http(HttpClient http, String base, Endpoint endpoint, int connections, int pauseMs,
      int seconds, Path script, Path dir) throws Exception {
    Map<String, Double> before = scrape(http, base);
    int threadsBefore = THREADS.getThreadCount();
    long heapBefore = MEMORY.getHeapMemoryUsage().getUsed();
    THREADS.resetPeakThreadCount();
    Meter meter = new Meter();
    Path out = dir.resolve("wrk-" + endpoint.label() + "-" + connections + (pauseMs > 0 ? "-paced" : "") + ".txt");
    Process wrk = new ProcessBuilder("wrk", "-t", Integer.toString(Math.min(connections, 2)),
        "-c", Integer.toString(connections), "-d", seconds + "s", "--latency", "-s", script.toString(), base + "/",
        "--", endpoint.paths().toString(), Integer.toString(pauseMs))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    while (!wrk.waitFor(50, TimeUnit.MILLISECONDS)) {
      meter.sample(wrk);
    }
    Usage usage = meter.end();
    int threadsPeak = THREADS.getPeakThreadCount();
    Map<String, Integer> threadGroups = threadGroups();
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
    double hits = counted(before, after, "cache_gets_total", Map.of("cache", "reco_lists", "result", "hit"));
    double misses = counted(before, after, "cache_gets_total", Map.of("cache", "reco_lists", "result", "miss"));
    Map<String, String> endpointLabel = Map.of("endpoint", endpoint.label());
    double count = counted(before, after, "reco_http_requests_seconds_count", endpointLabel);
    double sum = counted(before, after, "reco_http_requests_seconds_sum", endpointLabel);
    double p99 = Double.NaN;
    for (double le : BUCKETS) {
      double below = counted(before, after, "reco_http_requests_seconds_bucket",
          Map.of("endpoint", endpoint.label(), "le", Double.toString(le)));
      if (below >= 0.99 * count) {
        p99 = le * 1e3;
        break;
      }
    }
    double hbase = counted(before, after, "reco_hbase_calls_seconds_sum", Map.of());
    Service service = new Service(1e3 * sum / count, p99, 1e3 * hbase / count);
    Map<String, Double> reads = new TreeMap<>();
    for (TableSpec table : RecoTables.ALL) {
      String name = table.tableName().getQualifierAsString();
      double calls = counted(before, after, "reco_hbase_calls_seconds_count", Map.of("table", name));
      if (calls > 0) {
        reads.put(name, calls / count);
      }
    }
    double duration = result.get("duration_us") / 1e6;
    return new HttpRun(result.get("requests") / duration, result.get("p50_us") / 1e3, result.get("p99_us") / 1e3,
        result.get("p999_us") / 1e3, result.get("requests"), result.get("non2xx"), statuses,
        result.get("connect") + result.get("read") + result.get("write") + result.get("timeout"), service,
        hits + misses == 0 ? 0 : hits / (hits + misses), threadsBefore, threadsPeak, threadGroups,
        heapBefore / 1048576.0, live, usage, reads);
  }

  /** This JVM's live threads by name, numbers left out ({@code hbase-read-#}), as the load ends. */
  private static Map<String, Integer> threadGroups() {
    Map<String, Integer> groups = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      groups.merge(t.getName().replaceAll("0x[0-9a-f]+", "0x#").replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return groups;
  }

  /** How much the series of {@code metric} carrying all of {@code labels} grew between two scrapes, summed. */
  private static double counted(Map<String, Double> before, Map<String, Double> after, String metric,
      Map<String, String> labels) {
    double n = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      Map<String, String> found = labels(e.getKey(), metric);
      if (found != null && found.entrySet().containsAll(labels.entrySet())) {
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
    Meter meter = new Meter();
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
      while (System.nanoTime() < end) {
        Thread.sleep(50);
        meter.sample(null);
      }
      long done = 0;
      long found = 0;
      for (Future<long[]> part : parts) {
        done += part.get()[0];
        found += part.get()[1];
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      Usage usage = meter.end();
      double expected = (double) endpoint.known() / ids.size();
      if (Math.abs((double) found / done - expected) > 0.05) {
        throw new IllegalStateException(String.format("raw gets of %s found %.1f%% of the rows, expected %.1f%%",
            endpoint.table().name(), 100.0 * found / done, 100 * expected));
      }
      Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      histograms.forEach(all::add);
      return new GetRun(done / elapsed, all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6,
          all.getValueAtPercentile(99.9) / 1e6, usage);
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  private static void printHeader() {
    System.out.printf(ROW, "connections", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "non-2xx", "raw get p50",
        "p99 ms", "gets/s", "servlet/raw p50", "threads", "heap MB", "live MB", "GC pauses", "cache hits",
        "CPU jvm/wrk/other", "service mean/p99", "in HBase");
    System.out.printf(ROW, "---:", "---:", "---:", "---:", "---:", "---", "---:", "---:", "---:", "---:", "---:",
        "---:", "---:", "---:", "---:", "---:", "---:", "---:");
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
    Usage u = h.usage();
    System.out.printf(ROW, connections, String.format("%,.0f", h.rate()), ms(h.p50()), ms(h.p99()), ms(h.p999()),
        non2xx, ms(g.p50()), ms(g.p99()), String.format("%,.0f", g.rate()), String.format("%.1fx", h.p50() / g.p50()),
        h.threadsBefore() + "->" + h.threadsPeak(), String.format("%.0f->%.0f", h.heapBeforeMb(), u.heapPeakMb()),
        String.format("%.0f", h.heapLiveMb()), String.format("%d, %,d ms", u.gcs(), u.gcMillis()),
        String.format("%.0f%%", 100 * h.cacheHits()),
        String.format("%.1f/%.1f/%.1f", u.jvmCores(), u.wrkCores(), u.otherCores()),
        String.format("%s/<=%s", ms(h.service().meanMs()), ms(h.service().p99AtMostMs())),
        ms(h.service().hbaseMs()));
  }

  /** A line under the table when other processes took CPU time during the raw gets beside an endpoint's runs. */
  private static void printOtherLoad(List<GetRun> runs) {
    List<String> busy = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).usage().otherCores() >= 0.1) {
        busy.add(String.format("%.1f cores at %s", runs.get(i).usage().otherCores(),
            plural(CONNECTIONS[i], "thread")));
      }
    }
    if (!busy.isEmpty()) {
      System.out.println("(other processes during the raw gets: " + String.join(", ", busy) + ")");
    }
  }

  private static String plural(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static String ms(double ms) {
    return ms < 10 ? String.format("%.2f", ms) : ms < 1000 ? String.format("%.1f", ms) : String.format("%.0f", ms);
  }

  private static void printGoals(Endpoint recommendations, Endpoint similar, Map<String, List<HttpRun>> served,
      HttpRun paced, Map<String, List<GetRun>> gotten, int idleThreads, Map<String, Integer> idleGroups,
      Configuration conf) {
    System.out.println();
    // at a paced load of at least the goal's rate; the unpaced runs at 64 connections go as fast as the machine can
    boolean topPass = paced.p99() <= GOAL_P99_MS && paced.rate() >= GOAL_RATE;
    int last = CONNECTIONS.length - 1;
    HttpRun flat = served.get(recommendations.label()).get(last);
    System.out.printf("top picks p99 <= %.0f ms at >= %,.0f req/s: %s (paced: p99 %s ms at %,.0f req/s; as fast as "
        + "%d connections go: p99 %s ms at %,.0f req/s)%n", GOAL_P99_MS, GOAL_RATE, topPass ? "PASS" : "MISS",
        ms(paced.p99()), paced.rate(), CONNECTIONS[last], ms(flat.p99()), flat.rate());

    double worst = 0;
    String where = "";
    List<String> ratios = new ArrayList<>();
    for (Endpoint endpoint : List.of(recommendations, similar)) {
      for (int i = 0; i < CONNECTIONS.length; i++) {
        double ratio = served.get(endpoint.label()).get(i).p50() / gotten.get(endpoint.label()).get(i).p50();
        ratios.add(String.format("%.1fx", ratio));
        if (ratio > worst) {
          worst = ratio;
          where = endpoint.label() + " at " + plural(CONNECTIONS[i], "connection");
        }
      }
    }
    System.out.printf("servlet p50 within %.0fx raw get: %s (worst %.1fx, %s; top picks at 1/16/64 connections %s, "
        + "similar items %s)%n", GOAL_RATIO, worst <= GOAL_RATIO ? "PASS" : "MISS", worst, where,
        String.join("/", ratios.subList(0, CONNECTIONS.length)),
        String.join("/", ratios.subList(CONNECTIONS.length, ratios.size())));

    // what may start under load: the service's pools (the container's, the API's, the HBase reads'), and the HBase
    // client's own pools of its connection: the batch pool multi-gets run on and the meta lookups'
    int active = Settings.getInt(conf, RecoServer.MAX_ACTIVE);
    int service = Settings.getInt(conf, RecoServer.THREADS) + active + 2 * active;
    int client = conf.getInt("hbase.hconnection.threads.max", 256)
        + conf.getInt("hbase.hconnection.meta.lookup.threads.max", 128);
    int bound = service + client;
    int peak = 0;
    HttpRun peakRun = null;
    double heapPeak = 0;
    double liveMin = Double.MAX_VALUE;
    double liveMax = 0;
    for (List<HttpRun> runs : served.values()) {
      for (HttpRun run : runs) {
        if (run.threadsPeak() > peak) {
          peak = run.threadsPeak();
          peakRun = run;
        }
        heapPeak = Math.max(heapPeak, run.usage().heapPeakMb());
        liveMin = Math.min(liveMin, run.heapLiveMb());
        liveMax = Math.max(liveMax, run.heapLiveMb());
      }
    }
    double heapMax = MEMORY.getHeapMemoryUsage().getMax() / 1048576.0;
    // the heap a run leaves live is what must not grow; how high it fills between collections is the collector's
    boolean bounded = peak <= idleThreads + bound && liveMax < 0.5 * heapMax;
    System.out.printf("threads and heap bounded under load: %s (threads: %d idle, peak %d, at most %d + %d: the "
        + "service's pools %d, the HBase client's %d; heap: peak %.0f MB of %.0f MB, live %.0f-%.0f MB after the "
        + "runs)%n", bounded ? "PASS" : "MISS", idleThreads, peak, idleThreads, bound, service, client, heapPeak,
        heapMax, liveMin, liveMax);
    Map<String, Integer> groups = peakRun.threadGroups();
    System.out.println("  threads more than idle as that run ended, by name: " + groups.entrySet().stream()
        .filter(e -> e.getValue() > idleGroups.getOrDefault(e.getKey(), 0))
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .map(e -> e.getKey() + " +" + (e.getValue() - idleGroups.getOrDefault(e.getKey(), 0)))
        .collect(Collectors.joining(", ")));
  }
}
