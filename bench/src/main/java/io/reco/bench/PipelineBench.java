package io.reco.bench;

import io.reco.bench.FeaturesBench.Meter;
import io.reco.bench.FeaturesBench.Stage;
import io.reco.hbase.StandaloneHBase;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.RawPartitions;
import io.reco.jobs.interactions.InteractionsReducer;
import io.reco.jobs.pipeline.PipelineJob;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.jobs.similarity.SimilarItemsJob;
import io.reco.records.raw.RawZone;
import io.reco.records.Settings;
import io.reco.schema.SchemaAdmin;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.util.ToolRunner;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.mahout.cf.taste.hadoop.similarity.item.ItemSimilarityJob;
import org.duckdb.DuckDBConnection;

/**
 * The whole daily pipeline ({@link PipelineJob}: bronze to silver with its report, interactions, sessions and
 * features, every model, the validation, the bulk loads, the publication) in the embedded mode - LocalJobRunner, a
 * standalone HBase in this JVM - over a synthetic shop of each size asked, with per stage its wall time, events a
 * second, the heap's peak and the most a collection left (live), the bytes its jobs shuffled; and beside it, on the
 * same files in the same run: the raw files' read + parse rate on as many threads as the jobs' map tasks (the
 * ceiling), Mahout's {@code ItemSimilarityJob} alone on the run's own preferences, and DuckDB computing the same user
 * and item aggregates and the same item co-occurrence counts. Last, each stage's cost growth from the first size to
 * the last. Each shop's raw zone is generated once and kept in {@code var/bench/pipeline-<events>}; the pipeline runs
 * afresh every time, over a new HBase.
 *
 * <p>Usage: {@code bench/pipeline [events...]} (default 1000000 10000000).
 */
public final class PipelineBench {
  private static final LocalDate START = FeaturesBench.START;
  private static final int DAYS = 7;
  private static final String LOADS = "load (every table, HFiles + bulk load)";
  /** Goals of the issue, on 2 cores: seconds by events. */
  private static final Map<Long, Double> GOALS = Map.of(1_000_000L, 180.0, 10_000_000L, 1_200.0);

  private PipelineBench() {
  }

  /** One stage of one run: its measure, the bytes its jobs shuffled and how many jobs ran. */
  private record Figure(Stage stage, long shuffled, long jobs) {
  }

  /** What one size measured. */
  private record Run(long events, long lines, long silver, Map<String, Figure> stages, double rawCeiling,
      double silverCeiling, double mahoutAlone, double duckLoad, double duckUsers, double duckItems, double duckCooc,
      long coocPairs, double duckMb) {
    double total() {
      return stages.values().stream().mapToDouble(f -> f.stage().seconds()).sum();
    }

    double peakMb() {
      return stages.values().stream().mapToDouble(f -> f.stage().heapPeakMb()).max().orElse(0);
    }

    double liveMb() {
      return stages.values().stream().mapToDouble(f -> f.stage().heapLiveMb()).max().orElse(0);
    }
  }

  public static void main(String[] args) throws Exception {
    List<Long> sizes = new ArrayList<>();
    for (String arg : args) {
      sizes.add(Long.parseLong(arg.replace("_", "")));
    }
    if (sizes.isEmpty()) {
      sizes.addAll(List.of(1_000_000L, 10_000_000L));
    }
    if (sizes.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("usage: bench/pipeline [events >= 1 ...], default 1000000 10000000");
    }
    ShuffleLog shuffle = ShuffleLog.install();
    System.out.printf("machine: %d cores, Java %s, max heap %,d MB%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    List<Run> runs = new ArrayList<>();
    for (long events : sizes) {
      Run run = run(events, shuffle);
      print(run);
      runs.add(run);
    }
    if (runs.size() > 1) {
      growth(runs.get(0), runs.get(runs.size() - 1));
    }
  }

  private static Run run(long events, ShuffleLog shuffle) throws Exception {
    Path shop = Path.of("var", "bench", "pipeline-" + events).toAbsolutePath();
    Configuration local = LocalJobs.configure(new Configuration(), shop.resolve("tmp"));
    FileSystem fs = FileSystem.getLocal(local);
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(shop.toUri());
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(root, "raw"));
    FeaturesBench.generated(fs, shop, events, DAYS);
    for (String dir : List.of("work", "hbase", "tmp")) {
      FileUtils.deleteDirectory(shop.resolve(dir).toFile());
    }
    int threads = local.getInt("mapreduce.local.map.tasks.maximum", 2);
    List<org.apache.hadoop.fs.Path> rawFiles = ValidationBench.committedFiles(fs, local,
        RawPartitions.between(fs, zone.clickstream(), START, START.plusDays(DAYS - 1)));
    System.out.printf("%n== %,d events: %,d raw files, %,.0f MB ==%n", events, rawFiles.size(),
        rawFiles.stream().mapToLong(f -> length(fs, f)).sum() / 1e6);
    // the ceiling is read before and after the pipeline, the better counting: the first read pays the warm-up
    double rawBefore = ValidationBench.readAndParse(fs, rawFiles, threads);

    Map<String, Figure> stages = new LinkedHashMap<>();
    PipelineJob.Result result;
    long[] lines = {0};
    try (StandaloneHBase hbase = StandaloneHBase.start(shop.resolve("hbase"))) {
      Configuration conf = LocalJobs.configure(hbase.configuration(), shop.resolve("tmp"));
      try (Connection connection = ConnectionFactory.createConnection(conf); Admin admin = connection.getAdmin()) {
        new SchemaAdmin(admin).ensure();
      }
      Meter[] meter = {new Meter()};
      long[] mark = {shuffle.bytes(), shuffle.jobs()};
      result = PipelineJob.run(conf, zone.root(), START, START.plusDays(DAYS - 1),
          new org.apache.hadoop.fs.Path(root, "work"), (name, detail, elapsed) -> {
            String key = name.startsWith("load ") ? LOADS : name;
            Stage measured = meter[0].stop(key, 0);
            Figure before = stages.get(key);
            Figure figure = new Figure(measured, shuffle.bytes() - mark[0], shuffle.jobs() - mark[1]);
            stages.put(key, before == null ? figure : merge(before, figure));
            if (lines[0] == 0 && name.equals("bronze-to-silver")) {
              lines[0] = Long.parseLong(detail.replaceAll("^[A-Z]+: (\\d+) lines read.*$", "$1"));
            }
            System.out.printf("  %-28s %7.1f s  %s%n", name, elapsed.toMillis() / 1000.0, detail);
            mark[0] = shuffle.bytes();
            mark[1] = shuffle.jobs();
            meter[0] = new Meter();
          });
    }
    double rawCeiling = Math.max(rawBefore, ValidationBench.readAndParse(fs, rawFiles, threads));
    long silver = result.stats().get("events_used");
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root, "work"),
        result.version());
    List<org.apache.hadoop.fs.Path> silverFiles = FeaturesBench.avroFiles(fs,
        new org.apache.hadoop.fs.Path(dir, BronzeToSilverTool.SILVER));
    double silverCeiling = FeaturesBench.ceiling(local, silverFiles, threads).rate();

    org.apache.hadoop.fs.Path prefs = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(dir,
        "interactions"), InteractionsReducer.PREFS);
    org.apache.hadoop.fs.Path alone = new org.apache.hadoop.fs.Path(root, "mahout-alone");
    fs.delete(alone, true);
    long start = System.nanoTime();
    int status = ToolRunner.run(new Configuration(local), new ItemSimilarityJob(), SimilarItemsJob.mahoutArgs(local,
        prefs, new org.apache.hadoop.fs.Path(alone, "out"), new org.apache.hadoop.fs.Path(alone, "tmp"),
        SimilarItemsJob.Measure.LLR));
    double mahout = since(start);
    if (status != 0 || !Jobs.hasData(fs, new org.apache.hadoop.fs.Path(alone, "out"))) {
      throw new IllegalStateException("Mahout ItemSimilarityJob wrote nothing (exit " + status + ")");
    }
    System.out.printf("Mahout ItemSimilarityJob alone (LLR) on the run's preferences: %.1f s%n", mahout);
    fs.delete(alone, true);

    int maxPrefs = Settings.getInt(local, SimilarItemsJob.MAX_PREFS);
    try (DuckDBConnection db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
      FeaturesBench.execute(db, "SET threads = " + threads);
      FeaturesBench.execute(db, "SET memory_limit = '" + FeaturesBench.DUCKDB_MEMORY + "'");
      FeaturesBench.execute(db, FeaturesBench.EVENTS_TABLE);
      Meter meter = new Meter();
      long loaded = FeaturesBench.load(db, local, silverFiles, threads);
      Stage load = meter.stop("DuckDB load", loaded);
      Stage users = FeaturesBench.sql(db, "DuckDB user aggregates", "user_agg", FeaturesBench.USER_AGGREGATES,
          loaded);
      Stage items = FeaturesBench.sql(db, "DuckDB item aggregates", "item_agg", FeaturesBench.ITEM_AGGREGATES,
          loaded);
      // the same preferences Mahout reads, each user's sampled down to the same number, every pair of items counted
      Stage cooc = FeaturesBench.sql(db, "DuckDB item co-occurrence", "cooc", String.format(Locale.ROOT,
          "WITH p AS (SELECT u, i FROM (SELECT u, i, row_number() OVER (PARTITION BY u ORDER BY hash(i)) AS r "
              + "FROM read_csv('%s/*', header = false, columns = {'u': 'BIGINT', 'i': 'BIGINT', 'w': 'DOUBLE'})) "
              + "WHERE r <= %d) SELECT a.i AS i, b.i AS j, count(*) AS n FROM p a JOIN p b ON a.u = b.u "
              + "AND a.i < b.i GROUP BY a.i, b.i", prefs.toUri().getPath(), maxPrefs), loaded);
      long pairs = FeaturesBench.single(db, "SELECT count(*) FROM cooc");
      double mb = FeaturesBench.duckDbMegabytes(db);
      return new Run(events, lines[0], silver, stages, rawCeiling, silverCeiling, mahout, load.seconds(),
          users.seconds(), items.seconds(), cooc.seconds(), pairs, mb);
    }
  }

  private static Figure merge(Figure a, Figure b) {
    Stage x = a.stage();
    Stage y = b.stage();
    return new Figure(new Stage(x.name(), x.seconds() + y.seconds(), 0, Math.max(x.heapPeakMb(), y.heapPeakMb()),
        Math.max(x.heapLiveMb(), y.heapLiveMb()), Double.NaN), a.shuffled() + b.shuffled(), a.jobs() + b.jobs());
  }

  private static void print(Run run) {
    System.out.printf("%n%,d events (%,d raw lines, %,d in silver), 2 map threads; the raw read + parse ceiling %,.0f"
        + " events/s, silver's %,.0f%n", run.events(), run.lines(), run.silver(), run.rawCeiling(),
        run.silverCeiling());
    System.out.printf("%-42s %9s %12s %10s %10s %10s %11s %5s%n", "stage", "seconds", "events/s", "/ceiling",
        "heap peak", "heap live", "shuffled", "jobs");
    run.stages().forEach((name, f) -> {
      long events = name.equals("bronze-to-silver") ? run.lines() : run.silver();
      double rate = events / f.stage().seconds();
      System.out.printf("%-42s %9.1f %,12.0f %9.0f%% %7.0f MB %10s %8.1f MB %5d%n", name, f.stage().seconds(),
          rate, 100 * rate / run.rawCeiling(), f.stage().heapPeakMb(), mb(f.stage().heapLiveMb()),
          f.shuffled() / 1e6, f.jobs());
    });
    long shuffled = run.stages().values().stream().mapToLong(Figure::shuffled).sum();
    long jobs = run.stages().values().stream().mapToLong(Figure::jobs).sum();
    double goal = GOALS.getOrDefault(run.events(), Double.NaN);
    System.out.printf("%-42s %9.1f %,12.0f %9.0f%% %7.0f MB %10s %8.1f MB %5d%s%n", "whole pipeline", run.total(),
        run.lines() / run.total(), 100 * run.lines() / run.total() / run.rawCeiling(), run.peakMb(), mb(run.liveMb()),
        shuffled / 1e6, jobs, Double.isNaN(goal) ? "" : String.format("   goal < %.0f s: %s", goal,
            run.total() < goal ? "met" : "MISSED"));
    Figure indicators = run.stages().get("indicators");
    System.out.printf("Mahout ItemSimilarityJob alone on the same preferences: %.1f s; the indicators stage (llr on"
        + " Mahout with its id joins, the other indicators, both blends): %.1f s (%.2fx)%n", run.mahoutAlone(),
        indicators.stage().seconds(), indicators.stage().seconds() / run.mahoutAlone());
    double duck = run.duckUsers() + run.duckItems() + run.duckCooc();
    double mr = run.stages().get("sessions").stage().seconds() + run.stages().get("item-features").stage().seconds()
        + indicators.stage().seconds();
    System.out.printf("DuckDB on the same files: load %.1f s, user aggregates %.1f s, item aggregates %.1f s, item "
        + "co-occurrence %.1f s (%,d pairs), %,.0f MB off the heap; sessions + item-features + indicators take %.1f s:"
        + " %.1fx DuckDB's queries, %.1fx with its load%n", run.duckLoad(), run.duckUsers(), run.duckItems(),
        run.duckCooc(), run.coocPairs(), run.duckMb(), mr, mr / duck, mr / (duck + run.duckLoad()));
  }

  private static void growth(Run small, Run large) {
    double data = (double) large.lines() / small.lines();
    System.out.printf("%ncost growth, %,d to %,d events (%.1fx the data)%n", small.events(), large.events(), data);
    System.out.printf("%-42s %9s %9s %7s %10s %10s%n", "stage", "small s", "large s", "ratio", "live small",
        "live large");
    large.stages().forEach((name, f) -> {
      Figure s = small.stages().get(name);
      if (s != null) {
        System.out.printf("%-42s %9.1f %9.1f %7.2f %10s %10s%n", name, s.stage().seconds(),
            f.stage().seconds(), f.stage().seconds() / s.stage().seconds(), mb(s.stage().heapLiveMb()),
            mb(f.stage().heapLiveMb()));
      }
    });
    double ratio = large.total() / small.total();
    System.out.printf("%-42s %9.1f %9.1f %7.2f %10s %10s   goal ratio <= 10: %s%n", "whole pipeline",
        small.total(), large.total(), ratio, mb(small.liveMb()), mb(large.liveMb()), ratio <= 10 ? "met" : "MISSED");
    System.out.printf("live: the most heap a full collection left during the stage (- where none ran), in a heap of "
        + "%,d MB for both sizes%n", Runtime.getRuntime().maxMemory() >> 20);
  }

  /** Megabytes, or - for a figure not measured (negative). */
  private static String mb(double megabytes) {
    return megabytes < 0 ? "-" : String.format("%,.0f MB", megabytes);
  }

  /**
   * Hadoop's job client logs each finished job's counters: this sums what they say the reducers shuffled, over every
   * job in this JVM (the platform's and Mahout's).
   */
  private static final class ShuffleLog extends AppenderSkeleton {
    private static final Pattern SHUFFLED = Pattern.compile("Reduce shuffle bytes=(\\d+)");
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong jobs = new AtomicLong();

    static ShuffleLog install() {
      ShuffleLog log = new ShuffleLog();
      Logger logger = Logger.getLogger("org.apache.hadoop.mapreduce.Job");
      logger.setLevel(Level.INFO);
      logger.setAdditivity(false);
      logger.addAppender(log);
      return log;
    }

    long bytes() {
      return bytes.get();
    }

    long jobs() {
      return jobs.get();
    }

    @Override
    protected void append(LoggingEvent event) {
      String message = event.getRenderedMessage();
      if (message == null || !message.startsWith("Counters:")) {
        return;
      }
      jobs.incrementAndGet();
      Matcher m = SHUFFLED.matcher(message);
      if (m.find()) {
        bytes.addAndGet(Long.parseLong(m.group(1)));
      }
    }

    @Override
    public void close() {
    }

    @Override
    public boolean requiresLayout() {
      return false;
    }
  }

  private static long length(FileSystem fs, org.apache.hadoop.fs.Path f) {
    try {
      return fs.getFileStatus(f).getLen();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
