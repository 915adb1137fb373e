package io.reco.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.features.ItemFeaturesJob;
import io.reco.jobs.generate.ShopGenerator;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.jobs.sessions.SessionsJob;
import io.reco.quality.QualityReport;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.UserFeatures;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.mapred.FsInput;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Throughput of the gold feature jobs - {@code sessions} (sessions, user state and features) and
 * {@code item-features} (item state and features, two passes) - on LocalJobRunner, beside two references measured in
 * the same run over the same silver Avro files: the ceiling, reading every event with a {@link DataFileReader} and
 * touching its fields (on one thread, and on as many threads as LocalJobRunner runs map tasks: the ratio's
 * denominator), and DuckDB in this process computing the same per-user and per-item aggregates and a sessionization
 * with window functions over the events loaded through its Appender (the load timed apart). The jobs' counts (events,
 * users, items with events, closed sessions) and a sample of their features are checked against DuckDB's; a
 * difference fails the run. The ceiling is measured before and after the jobs, each job runs {@code runs} times
 * (twice by default, as {@code bench/validation} runs its job: the first pays for the JVM's warm-up), and the better
 * run of each counts. The shop and its bronze-to-silver run are kept in {@code var/bench/features-<events>}
 * for reruns.
 *
 * <p>Usage: {@code bench/features [events=10000000] [days=7] [runs=2]}.
 */
public final class FeaturesBench {
  static final LocalDate START = LocalDate.of(2026, 11, 1);
  private static final String MAP_THREADS = "mapreduce.local.map.tasks.maximum";
  /** Users and items whose features are compared with DuckDB's, about. */
  private static final int SAMPLE = 1_000;
  static final HeapPeak HEAP = new HeapPeak();
  /** DuckDB's memory (off the Java heap), bounded so that the JVM and DuckDB stay within the machine. */
  static final String DUCKDB_MEMORY = "4GB";
  static final String EVENTS_TABLE = "CREATE TABLE events (event_id VARCHAR, user_id VARCHAR, "
      + "product_id VARCHAR, event_type VARCHAR, ts BIGINT, session_id VARCHAR, rating FLOAT, price DOUBLE, "
      + "quantity INTEGER, order_id VARCHAR, device_type VARCHAR, page_context VARCHAR, referrer VARCHAR)";
  static final String USER_AGGREGATES = "SELECT user_id, count(*) AS events, "
      + counts() + ", count(DISTINCT product_id) AS distinct_products, min(ts) AS first_ts, max(ts) AS last_ts, "
      + "coalesce(sum(price * coalesce(quantity, 1)) FILTER (WHERE event_type = 'purchase'), 0) AS monetary, "
      + "avg(price) AS avg_price FROM events GROUP BY user_id";
  static final String ITEM_AGGREGATES = "SELECT product_id, count(*) AS events, "
      + counts() + ", count(DISTINCT user_id) AS users, approx_count_distinct(user_id) AS users_approx, "
      + "min(ts) AS first_ts, max(ts) FILTER (WHERE event_type = 'purchase') AS last_purchase, "
      + "avg(rating) AS avg_rating, avg(price) AS avg_price FROM events GROUP BY product_id";
  /** An event more than the gap after the user's previous one starts a session, as {@code sessions} cuts them. */
  private static final String SESSIONIZE = "SELECT user_id, "
      + "count(*) FILTER (WHERE starts) AS sessions, max(ts) AS last_ts FROM (SELECT user_id, ts, "
      + "coalesce(ts - lag(ts) OVER (PARTITION BY user_id ORDER BY ts, event_id) > %d, true) AS starts FROM events) "
      + "GROUP BY user_id";

  private FeaturesBench() {
  }

  /** A stage's figures; {@code othersCores}: the CPU that other processes took meanwhile, in cores. */
  record Stage(String name, double seconds, long events, double heapPeakMb, double heapLiveMb,
      double othersCores) {
    double rate() {
      return events / seconds;
    }
  }

  /** What one pass over the silver files read: events, and a sum of their fields so that none is optimised away. */
  private record Read(long events, long touched) {
  }

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    if (events < 1 || days < 1 || runs < 1) {
      throw new IllegalArgumentException("usage: bench/features [events=10000000] [days=7] [runs=2], each >= 1");
    }
    Path shop = Path.of("var", "bench", "features-" + events + (days == 7 ? "" : "-" + days)).toAbsolutePath();
    Configuration conf = LocalJobs.configure(new Configuration(), shop.resolve("tmp"));
    // LocalJobs runs as many reduce tasks as map threads, side by side as on a cluster
    int threads = conf.getInt(MAP_THREADS, 2);
    FileSystem fs = FileSystem.getLocal(conf);
    org.apache.hadoop.fs.Path run = silver(fs, conf, shop, events, days);
    org.apache.hadoop.fs.Path clickstream = new org.apache.hadoop.fs.Path(run, BronzeToSilverTool.SILVER);
    List<org.apache.hadoop.fs.Path> files = avroFiles(fs, clickstream);
    long bytes = 0;
    for (org.apache.hadoop.fs.Path f : files) {
      bytes += fs.getFileStatus(f).getLen();
    }
    System.out.printf("input: %,d silver Avro files, %,.0f MB, in %s; %d cores, %d map threads, %d reducers; "
        + "max heap %,d MB%n", files.size(), bytes / 1e6, clickstream, Runtime.getRuntime().availableProcessors(),
        threads, threads, Runtime.getRuntime().maxMemory() >> 20);
    Instant asOf = START.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    long gap = Settings.getLong(conf, SessionsJob.GAP_MINUTES) * 60_000L;
    FeatureInputs in = new FeatureInputs(List.of(clickstream),
        new org.apache.hadoop.fs.Path(run, BronzeToSilverTool.SILVER_MASTERS), null);
    org.apache.hadoop.fs.Path gold = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(shop.toUri()),
        "gold");
    fs.delete(gold, true);

    Stage[] ceilingBefore = {ceiling(conf, files, 1), ceiling(conf, files, threads)};

    SessionsJob.Result sessions = null;
    Stage sessionsStage = null;
    for (int r = 1; r <= runs; r++) {
      fs.delete(new org.apache.hadoop.fs.Path(gold, SessionsJob.DIR), true);
      Meter meter = new Meter();
      sessions = SessionsJob.run(conf, in, gold, asOf);
      Stage s = meter.stop("SessionsJob.run (MR)", sessions.events().events());
      System.out.printf("sessions     : %,10.0f events/s  (%.1f s; %,d users, %,d sessions closed)%s%n", s.rate(),
          s.seconds(), sessions.users(), sessions.sessions(), r == 1 ? "" : "  (again)");
      sessionsStage = better(sessionsStage, s);
    }
    ItemFeaturesJob.Result items = null;
    Stage itemsStage = null;
    for (int r = 1; r <= runs; r++) {
      fs.delete(new org.apache.hadoop.fs.Path(gold, ItemFeaturesJob.DIR), true);
      Meter meter = new Meter();
      items = ItemFeaturesJob.run(conf, in, gold, asOf);
      Stage s = meter.stop("ItemFeaturesJob.run (MR, 2 passes)", items.events().events());
      System.out.printf("item-features: %,10.0f events/s  (%.1f s; %,d items, %,d in the catalog, %,d without "
          + "events)%s%n", s.rate(), s.seconds(), items.items(), items.inCatalog(), items.withoutEvents(),
          r == 1 ? "" : "  (again)");
      itemsStage = better(itemsStage, s);
    }
    Stage[] ceilingAfter = {ceiling(conf, files, 1), ceiling(conf, files, threads)};
    Stage single = better(ceilingBefore[0], ceilingAfter[0]);
    Stage ceiling = better(ceilingBefore[1], ceilingAfter[1]);

    List<String> failures = new ArrayList<>();
    try (DuckDBConnection db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
      execute(db, "SET threads = " + threads);
      execute(db, "SET memory_limit = '" + DUCKDB_MEMORY + "'");
      execute(db, EVENTS_TABLE);
      Meter meter = new Meter();
      long loaded = load(db, conf, files, threads);
      Stage load = meter.stop("DuckDB load (Appender, " + threads + " threads)", loaded);
      System.out.printf("DuckDB: %,d events loaded in %.1f s; DuckDB %s, %d threads, memory limit %s, %,.0f MB "
          + "in use%n", loaded, load.seconds(), single(db, "SELECT version()"), threads, DUCKDB_MEMORY,
          duckDbMegabytes(db));
      Stage users = sql(db, "DuckDB user aggregates", "user_agg", USER_AGGREGATES, loaded);
      Stage sessionize = sql(db, "DuckDB sessionization (LAG > gap)", "user_sessions",
          String.format(SESSIONIZE, gap), loaded);
      Stage itemAggregates = sql(db, "DuckDB item aggregates", "item_agg", ITEM_AGGREGATES, loaded);
      System.out.printf("DuckDB: %,.0f MB in use after the queries%n", duckDbMegabytes(db));

      System.out.println();
      printTable(threads, single, ceiling, sessionsStage, itemsStage, load, users, sessionize, itemAggregates);

      System.out.println();
      long asOfMs = asOf.toEpochMilli();
      check(failures, "events read by sessions", sessions.events().events(), loaded);
      check(failures, "events merged by sessions", sessions.events().merged(), loaded);
      check(failures, "events read by item-features", items.events().events(), loaded);
      check(failures, "events read by the ceiling", ceiling.events(), loaded);
      check(failures, "users (SessionsJob.Result.users)", sessions.users(), single(db,
          "SELECT count(DISTINCT user_id) FROM events"));
      check(failures, "items with events (items - without events)", items.items() - items.withoutEvents(),
          single(db, "SELECT count(DISTINCT product_id) FROM events"));
      check(failures, "sessions closed (open ones: last event within the gap of as-of)", sessions.sessions(),
          single(db, "SELECT sum(sessions - CASE WHEN " + asOfMs + " - last_ts > " + gap + " THEN 0 ELSE 1 END) "
              + "FROM user_sessions"));
      compareUsers(failures, db, fs, conf, new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(gold,
          SessionsJob.DIR), SessionsJob.FEATURES), sessions.users(), asOfMs, gap);
      compareItems(failures, db, fs, conf, new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(gold,
          ItemFeaturesJob.DIR), ItemFeaturesJob.FEATURES), items.items() - items.withoutEvents());
    }
    fs.delete(gold, true);
    if (!failures.isEmpty()) {
      failures.forEach(f -> System.out.println("MISMATCH " + f));
      throw new IllegalStateException(failures.size() + " difference(s) between the jobs and DuckDB, first: "
          + failures.get(0));
    }
    System.out.println("checks: the jobs' counts and the sampled features agree with DuckDB");
  }

  /**
   * The bronze-to-silver run over the generated shop: generated and run once, then kept ({@code raw/_GENERATED},
   * {@code run/_SILVER} mark them done).
   */
  static org.apache.hadoop.fs.Path silver(FileSystem fs, Configuration conf, Path shop, long events,
      int days) throws IOException, InterruptedException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(shop.toUri());
    org.apache.hadoop.fs.Path raw = new org.apache.hadoop.fs.Path(root, "raw");
    org.apache.hadoop.fs.Path run = new org.apache.hadoop.fs.Path(root, "run");
    if (generated(fs, shop, events, days) || !Files.exists(shop.resolve("run/_SILVER"))) {
      fs.delete(run, true);
      long start = System.nanoTime();
      QualityReport report = new BronzeToSilverTool(System.out).run(conf, raw, START, START.plusDays(days - 1),
          run, root);
      Files.createFile(shop.resolve("run/_SILVER"));
      System.out.printf("bronze-to-silver: %s in %.0f s (kept in %s for reruns)%n", report.status(), seconds(start),
          run);
    }
    return run;
  }

  /**
   * The raw zone of a synthetic shop of {@code events} over {@code days} from {@link #START} under {@code shop}:
   * generated once, then kept for reruns ({@code raw/_GENERATED} marks it done). True when generated now.
   */
  static boolean generated(FileSystem fs, Path shop, long events, int days) throws IOException {
    if (Files.exists(shop.resolve("raw/_GENERATED"))) {
      return false;
    }
    long start = System.nanoTime();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(shop.toUri());
    fs.delete(new org.apache.hadoop.fs.Path(root, "raw"), true);
    ShopGenerator.Summary summary = new ShopGenerator(fs, root,
        new ShopGenerator.Settings(42, events, START, days, 0, 0)).generate();
    Files.createFile(shop.resolve("raw/_GENERATED"));
    System.out.printf("generated %,d events (%,d users, %,d products) in %d hour partitions in %.0f s, kept in %s%n",
        summary.events(), summary.users(), summary.products(), summary.partitions(), seconds(start),
        shop.resolve("raw"));
    return true;
  }

  /** The Avro files under {@code dir}, at any depth, in path order. */
  static List<org.apache.hadoop.fs.Path> avroFiles(FileSystem fs, org.apache.hadoop.fs.Path dir)
      throws IOException {
    List<org.apache.hadoop.fs.Path> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      org.apache.hadoop.fs.Path p = it.next().getPath();
      if (p.getName().endsWith(".avro") && !p.getName().startsWith("_") && !p.getName().startsWith(".")) {
        files.add(p);
      }
    }
    files.sort(null);
    if (files.isEmpty()) {
      throw new IllegalStateException("no silver events under " + dir);
    }
    return files;
  }

  /** Reads every event of {@code files} on {@code threads} threads and touches its fields; prints the rate. */
  static Stage ceiling(Configuration conf, List<org.apache.hadoop.fs.Path> files, int threads)
      throws Exception {
    Meter meter = new Meter();
    Read read = forEachEvent(conf, files, threads, () -> e -> { });
    Stage stage = meter.stop("read + parse ceiling, " + threads + " thread" + (threads == 1 ? "" : "s"),
        read.events());
    System.out.printf("read + parse, %d thread%s: %,10.0f events/s  (%,d events in %.1f s)%n", threads,
        threads == 1 ? " " : "s", stage.rate(), read.events(), stage.seconds());
    return stage;
  }

  /** A source of one consumer per reading thread. */
  private interface Sink {
    Consumer<InteractionEvent> open() throws Exception;
  }

  /**
   * Reads every event of {@code files} with a {@link DataFileReader} over Hadoop's file system, as the jobs' record
   * reader does (one reused record per thread), touching every field, and hands it to the thread's consumer; the
   * threads take the files from one queue.
   */
  private static Read forEachEvent(Configuration conf, List<org.apache.hadoop.fs.Path> files, int threads, Sink sink)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          Consumer<InteractionEvent> consumer = sink.open();
          long events = 0;
          long touched = 0;
          for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
            try (DataFileReader<InteractionEvent> reader = new DataFileReader<>(new FsInput(files.get(i), conf),
                new SpecificDatumReader<>(InteractionEvent.class))) {
              InteractionEvent e = null;
              while (reader.hasNext()) {
                e = reader.next(e);
                touched += touch(e);
                consumer.accept(e);
                events++;
              }
            }
          }
          if (consumer instanceof AutoCloseable c) {
            c.close();
          }
          return new long[] {events, touched};
        }));
      }
      long events = 0;
      long touched = 0;
      for (Future<long[]> part : parts) {
        events += part.get()[0];
        touched += part.get()[1];
      }
      return new Read(events, touched);
    } finally {
      pool.shutdown();
    }
  }

  /** Every field of {@code e} read, folded into a number. */
  private static long touch(InteractionEvent e) {
    long h = e.getEventId().length() + e.getUserId().length() + e.getProductId().length()
        + e.getEventType().ordinal() + e.getTimestamp() + e.getSessionId().length() + e.getMetadata().size();
    h += e.getRating() == null ? 0 : Float.floatToIntBits(e.getRating());
    h += e.getPrice() == null ? 0 : Double.doubleToLongBits(e.getPrice());
    h += e.getQuantity() == null ? 0 : e.getQuantity();
    h += e.getOrderId() == null ? 0 : e.getOrderId().length();
    h += e.getDeviceType() == null ? 0 : e.getDeviceType().length();
    h += e.getPageContext() == null ? 0 : e.getPageContext().length();
    h += e.getReferrer() == null ? 0 : e.getReferrer().length();
    return h;
  }

  /**
   * Loads every event of {@code files} into the table {@code events} with one Appender per reading thread, each on
   * its own connection; every column but the metadata map. Returns the rows loaded.
   */
  static long load(DuckDBConnection db, Configuration conf, List<org.apache.hadoop.fs.Path> files,
      int threads) throws Exception {
    Read read = forEachEvent(conf, files, threads, () -> new AppendingSink(db.duplicate()));
    long rows = single(db, "SELECT count(*) FROM events");
    if (rows != read.events()) {
      throw new IllegalStateException("DuckDB holds " + rows + " events, " + read.events() + " were appended");
    }
    return rows;
  }

  /** Appends events to DuckDB's {@code events} on a connection of its own; closing flushes and closes both. */
  private static final class AppendingSink implements Consumer<InteractionEvent>, AutoCloseable {
    private final DuckDBConnection connection;
    private final DuckDBAppender appender;

    AppendingSink(DuckDBConnection connection) throws SQLException {
      this.connection = connection;
      this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events");
    }

    @Override
    public void accept(InteractionEvent e) {
      try {
        appender.beginRow().append(e.getEventId()).append(e.getUserId()).append(e.getProductId())
            .append(e.getEventType().name()).append(e.getTimestamp()).append(e.getSessionId());
        if (e.getRating() == null) {
          appender.appendNull();
        } else {
          appender.append(e.getRating().floatValue());
        }
        if (e.getPrice() == null) {
          appender.appendNull();
        } else {
          appender.append(e.getPrice().doubleValue());
        }
        if (e.getQuantity() == null) {
          appender.appendNull();
        } else {
          appender.append(e.getQuantity().intValue());
        }
        appendString(e.getOrderId());
        appendString(e.getDeviceType());
        appendString(e.getPageContext());
        appendString(e.getReferrer());
        appender.endRow();
      } catch (SQLException x) {
        throw new IllegalStateException("DuckDB refused event " + e.getEventId() + ": " + x.getMessage(), x);
      }
    }

    private void appendString(String s) throws SQLException {
      if (s == null) {
        appender.appendNull();
      } else {
        appender.append(s);
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        appender.close();
      } finally {
        connection.close();
      }
    }
  }

  /** Runs {@code select} into {@code table}, so that every row is computed, and prints its time. */
  static Stage sql(DuckDBConnection db, String name, String table, String select, long events)
      throws SQLException {
    Meter meter = new Meter();
    execute(db, "CREATE TABLE " + table + " AS " + select);
    Stage stage = meter.stop(name, events);
    double seconds = stage.seconds();
    System.out.printf("%-33s: %,10.0f events/s  (%.2f s; %,d rows in %s)%n", name, events / seconds, seconds,
        single(db, "SELECT count(*) FROM " + table), table);
    return stage;
  }

  /** The counts of each event type, as SQL columns. */
  private static String counts() {
    return "count(*) FILTER (WHERE event_type = 'view') AS views, "
        + "count(*) FILTER (WHERE event_type = 'click') AS clicks, "
        + "count(*) FILTER (WHERE event_type = 'add_to_cart') AS add_to_carts, "
        + "count(*) FILTER (WHERE event_type = 'remove_from_cart') AS removes_from_cart, "
        + "count(*) FILTER (WHERE event_type = 'purchase') AS purchases";
  }

  private static void printTable(int threads, Stage single, Stage ceiling, Stage sessions, Stage items, Stage load,
      Stage users, Stage sessionize, Stage itemAggregates) {
    String header = String.format("%-38s %8s %12s %9s %10s %15s %18s %12s", "stage", "seconds", "events/s",
        "/ceiling", "MR/DuckDB", "MR/DuckDB+load", "heap MB peak/live", "others' CPU");
    System.out.println(header);
    System.out.println("-".repeat(header.length()));
    double duckSessions = users.seconds() + sessionize.seconds();
    row(single, ceiling, Double.NaN, Double.NaN);
    row(ceiling, ceiling, Double.NaN, Double.NaN);
    row(sessions, ceiling, sessions.seconds() / duckSessions,
        sessions.seconds() / (duckSessions + load.seconds()));
    row(items, ceiling, items.seconds() / itemAggregates.seconds(),
        items.seconds() / (itemAggregates.seconds() + load.seconds()));
    row(load, ceiling, Double.NaN, Double.NaN);
    row(users, ceiling, Double.NaN, Double.NaN);
    row(sessionize, ceiling, Double.NaN, Double.NaN);
    row(itemAggregates, ceiling, Double.NaN, Double.NaN);
    System.out.println("-".repeat(header.length()));
    System.out.printf("/ceiling: events/s over the %d-thread read + parse's (goal for the MR stages: >= 0.50)%n"
        + "MR/DuckDB: the job's time over DuckDB's for the same figures (sessions: user aggregates + "
        + "sessionization, %.2f s;%n  item-features: item aggregates, %.2f s); +load: with DuckDB's %.2f s load%n"
        + "heap: the Java heap's peak during the stage, and the most a full collection left live (- if none ran); "
        + "DuckDB's own memory is off the heap%n"
        + "others' CPU: the cores that other processes used meanwhile (/proc/stat less this JVM)%n",
        threads, duckSessions, itemAggregates.seconds(),
        load.seconds());
    for (Stage s : List.of(single, ceiling, sessions, items, load, users, sessionize, itemAggregates)) {
      if (s.othersCores() > 0.2) {
        System.out.printf("WARNING: other processes took %.2f cores of %d during '%s': its figures are low%n",
            s.othersCores(), Runtime.getRuntime().availableProcessors(), s.name());
      }
    }
    double ratio = Math.min(sessions.rate(), items.rate()) / ceiling.rate();
    System.out.printf("MR stages: sessions %.2f, item-features %.2f of the ceiling: goal (>= 0.50) %s%n",
        sessions.rate() / ceiling.rate(), items.rate() / ceiling.rate(), ratio >= 0.5 ? "met" : "NOT met");
  }

  private static void row(Stage s, Stage ceiling, double duck, double duckWithLoad) {
    System.out.printf("%-38s %8.2f %,12.0f %9.2f %10s %15s %18s %12.2f%n", s.name(), s.seconds(), s.rate(),
        s.rate() / ceiling.rate(), Double.isNaN(duck) ? "" : String.format("%.1fx", duck),
        Double.isNaN(duckWithLoad) ? "" : String.format("%.1fx", duckWithLoad),
        String.format("%,.0f/%s", s.heapPeakMb(), s.heapLiveMb() < 0 ? "-" : String.format("%,.0f", s.heapLiveMb())),
        s.othersCores());
  }

  /**
   * Compares the gold features of a sample of users with DuckDB's aggregates: counts, distinct products, first and
   * last event, monetary value, average price and closed sessions.
   */
  private static void compareUsers(List<String> failures, DuckDBConnection db, FileSystem fs, Configuration conf,
      org.apache.hadoop.fs.Path features, long users, long asOf, long gap) throws IOException, SQLException {
    long every = Math.max(1, users / SAMPLE);
    Map<String, UserFeatures> sample = new HashMap<>();
    long[] read = {0};
    forEachRecord(fs, conf, features, (UserFeatures f) -> {
      read[0]++;
      if (Math.floorMod(f.getUserId().hashCode(), every) == 0) {
        sample.put(f.getUserId(), f);
      }
    });
    check(failures, "rows of gold user features", read[0], users);
    Set<String> seen = new HashSet<>();
    String query = "SELECT u.*, s.sessions - CASE WHEN " + asOf + " - s.last_ts > " + gap + " THEN 0 ELSE 1 END "
        + "AS closed FROM user_agg u JOIN user_sessions s USING (user_id) WHERE user_id IN (" + quoted(sample.keySet())
        + ")";
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        String id = rs.getString("user_id");
        seen.add(id);
        UserFeatures f = sample.get(id);
        String what = "user " + id + " ";
        check(failures, what + "interactions", f.getInteractions(), rs.getLong("events"));
        check(failures, what + "views", f.getViews(), rs.getLong("views"));
        check(failures, what + "clicks", f.getClicks(), rs.getLong("clicks"));
        check(failures, what + "add_to_carts", f.getAddToCarts(), rs.getLong("add_to_carts"));
        check(failures, what + "purchases", f.getPurchases(), rs.getLong("purchases"));
        check(failures, what + "distinct_products", f.getDistinctProducts(), rs.getLong("distinct_products"));
        check(failures, what + "first_interaction", f.getFirstInteraction(), rs.getLong("first_ts"));
        check(failures, what + "last_interaction", f.getLastInteraction(), rs.getLong("last_ts"));
        check(failures, what + "sessions (closed)", f.getSessions(), rs.getLong("closed"));
        close(failures, what + "monetary", f.getMonetary(), rs.getDouble("monetary"));
        close(failures, what + "avg_price", f.getAvgPrice(), (Double) rs.getObject("avg_price"));
      }
    }
    check(failures, "sampled users found in DuckDB", sample.size(), seen.size());
    System.out.printf("sample: %,d users' features compared with DuckDB's (every user whose id hashes to 0 mod %d)%n",
        sample.size(), every);
  }

  /**
   * Compares the gold features of a sample of items with events with DuckDB's aggregates: counts, first event, last
   * purchase, average price and rating; distinct users (a HyperLogLog estimate in the job) are reported, not judged.
   */
  private static void compareItems(List<String> failures, DuckDBConnection db, FileSystem fs, Configuration conf,
      org.apache.hadoop.fs.Path features, long items) throws IOException, SQLException {
    long every = Math.max(1, items / SAMPLE);
    Map<String, ItemFeatures> sample = new HashMap<>();
    forEachRecord(fs, conf, features, (ItemFeatures f) -> {
      if (f.getFirstSeen() != null && Math.floorMod(f.getItemId().hashCode(), every) == 0) {
        sample.put(f.getItemId(), f);
      }
    });
    Set<String> seen = new HashSet<>();
    double hllWorst = 0;
    double hllSum = 0;
    double approxWorst = 0;
    double approxSum = 0;
    String query = "SELECT * FROM item_agg WHERE product_id IN (" + quoted(sample.keySet()) + ")";
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        String id = rs.getString("product_id");
        seen.add(id);
        ItemFeatures f = sample.get(id);
        String what = "item " + id + " ";
        check(failures, what + "views", f.getViews(), rs.getLong("views"));
        check(failures, what + "clicks", f.getClicks(), rs.getLong("clicks"));
        check(failures, what + "add_to_carts", f.getAddToCarts(), rs.getLong("add_to_carts"));
        check(failures, what + "purchases", f.getPurchases(), rs.getLong("purchases"));
        check(failures, what + "first_seen", f.getFirstSeen(), rs.getLong("first_ts"));
        check(failures, what + "last_purchase", f.getLastPurchase(), (Long) rs.getObject("last_purchase"));
        close(failures, what + "avg_price", f.getAvgPrice(), (Double) rs.getObject("avg_price"));
        Double rating = (Double) rs.getObject("avg_rating");
        if (rating != null) { // without ratings in the events the job takes the catalog's
          close(failures, what + "avg_rating", f.getAvgRating(), rating);
        }
        long exact = rs.getLong("users");
        double hll = Math.abs(f.getUsers() - exact) / (double) exact;
        double approx = Math.abs(rs.getLong("users_approx") - exact) / (double) exact;
        hllWorst = Math.max(hllWorst, hll);
        hllSum += hll;
        approxWorst = Math.max(approxWorst, approx);
        approxSum += approx;
      }
    }
    check(failures, "sampled items found in DuckDB", sample.size(), seen.size());
    System.out.printf("sample: %,d items' features compared with DuckDB's (every item whose id hashes to 0 mod %d); "
        + "distinct users against DuckDB's exact count: the job's HyperLogLog off by %.2f%% on average, %.2f%% at "
        + "worst; DuckDB's approx_count_distinct %.2f%%, %.2f%%%n", sample.size(), every,
        100 * hllSum / Math.max(1, seen.size()), 100 * hllWorst, 100 * approxSum / Math.max(1, seen.size()),
        100 * approxWorst);
  }

  /** Reads every record of the Avro files under {@code dir}. */
  private static <T> void forEachRecord(FileSystem fs, Configuration conf, org.apache.hadoop.fs.Path dir,
      Consumer<T> consumer) throws IOException {
    for (org.apache.hadoop.fs.Path file : avroFiles(fs, dir)) {
      try (DataFileReader<T> reader = new DataFileReader<>(new FsInput(file, conf), new SpecificDatumReader<>())) {
        while (reader.hasNext()) {
          consumer.accept(reader.next());
        }
      }
    }
  }

  private static String quoted(Set<String> ids) {
    return ids.isEmpty() ? "NULL" : ids.stream().map(id -> "'" + id.replace("'", "''") + "'")
        .collect(Collectors.joining(","));
  }

  private static void check(List<String> failures, String what, Object job, Object duckDb) {
    if (!Objects.equals(job, duckDb)) {
      failures.add(what + ": the job says " + job + ", DuckDB " + duckDb);
    } else if (!what.startsWith("user ") && !what.startsWith("item ")) {
      System.out.printf("check: %-66s %,d = %,d%n", what, job, duckDb);
    }
  }

  /** Equal within a relative 1e-9: sums in another order differ in their last bits. */
  private static void close(List<String> failures, String what, Double job, Double duckDb) {
    boolean same = job == null || duckDb == null ? Objects.equals(job, duckDb)
        : Math.abs(job - duckDb) <= 1e-9 * Math.max(1, Math.max(Math.abs(job), Math.abs(duckDb)));
    if (!same) {
      failures.add(what + ": the job says " + job + ", DuckDB " + duckDb);
    }
  }

  static void execute(DuckDBConnection db, String sql) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute(sql);
    }
  }

  private static Object singleObject(DuckDBConnection db, String sql) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getObject(1);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T single(DuckDBConnection db, String sql) throws SQLException {
    Object value = singleObject(db, sql);
    return (T) (value instanceof Number n && !(value instanceof Long) && !(value instanceof Double)
        ? Long.valueOf(n.longValue()) : value);
  }

  static double duckDbMegabytes(DuckDBConnection db) throws SQLException {
    Number bytes = single(db, "SELECT sum(memory_usage_bytes) FROM duckdb_memory()");
    return bytes == null ? 0 : bytes.doubleValue() / 1e6;
  }

  private static Stage better(Stage a, Stage b) {
    return a == null || b.seconds() < a.seconds() ? b : a;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** One stage's measure, from its construction: wall time, the heap's peak, the CPU other processes took. */
  static final class Meter {
    /** The kernel's clock ticks a second in /proc/stat (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;
    private final long start;
    private final long ownCpu;
    private final long machineTicks;

    Meter() {
      HEAP.reset();
      machineTicks = machineBusyTicks();
      ownCpu = processCpuNanos();
      start = System.nanoTime();
    }

    Stage stop(String name, long events) {
      double seconds = seconds(start);
      double own = (processCpuNanos() - ownCpu) / 1e9;
      long ticks = machineBusyTicks();
      double others = ticks < 0 || machineTicks < 0 ? Double.NaN
          : Math.max(0, ((ticks - machineTicks) / TICKS_PER_SECOND - own) / seconds);
      return new Stage(name, seconds, events, HEAP.peakMb(), HEAP.liveMb(), others);
    }

    private static long processCpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    /** The machine's busy time (user, nice, system, irq, softirq, steal) in ticks; -1 without /proc/stat. */
    private static long machineBusyTicks() {
      try {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
          busy += Long.parseLong(cpu[i]);
        }
        return busy;
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
  }

  /**
   * The Java heap's peak since the last reset: the heap pools' use just before each collection (where the heap
   * peaks), from the collectors' notifications, and the use when asked; and the most that a full collection left
   * (live: what the work held, garbage aside).
   */
  static final class HeapPeak {
    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong live = new AtomicLong();

    HeapPeak() {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          heapPools.add(pool.getName());
        }
      }
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo collection = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
            GcInfo info = collection.getGcInfo();
            peak.accumulateAndGet(heap(info.getMemoryUsageBeforeGc()), Math::max);
            // only a full collection leaves the live objects alone; a young one leaves the old generation's garbage
            if (collection.getGcAction().contains("major")) {
              live.accumulateAndGet(heap(info.getMemoryUsageAfterGc()), Math::max);
            }
          }
        }, null, null);
      }
      reset();
    }

    private long heap(Map<String, MemoryUsage> pools) {
      return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
          .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    void reset() {
      peak.set(used());
      live.set(-1);
    }

    double peakMb() {
      return Math.max(peak.get(), used()) / 1048576.0;
    }

    /** The most heap a full collection left since the reset, MB; negative when none ran. */
    double liveMb() {
      return live.get() < 0 ? -1 : live.get() / 1048576.0;
    }

    private static long used() {
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
  }
}
