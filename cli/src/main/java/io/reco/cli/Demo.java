package io.reco.cli;

import io.reco.commands.RecoTool;
import io.reco.hbase.StandaloneHBase;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.generate.ShopGenerator;
import io.reco.jobs.pipeline.PipelineJob;
import io.reco.records.Settings;
import io.reco.schema.ModelRegistry;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.RowKeys;
import io.reco.schema.SchemaAdmin;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import io.reco.serving.RecoServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded demo: standalone HBase over {@code <data>/hbase}, a synthetic shop under {@code <data>/raw}, the
 * pipeline on LocalJobRunner, then the servlet, with example requests printed. A second start finds the model in
 * the persisted HBase and serves it at once ({@code --rebuild} builds a new one).
 */
@Command(name = "demo", description = "build HBase, data and a model, then serve recommendations until Ctrl-C")
public final class Demo extends RecoTool {
  static final LocalDate START = LocalDate.of(2026, 11, 1);
  static final int DAYS = 7;

  @Option(names = "--port", defaultValue = "8080", description = "Port to serve on.")
  private int port;
  @Option(names = "--events", defaultValue = "200000", description = "Events of the synthetic shop.")
  private long events;
  @Option(names = "--seed", defaultValue = "42", description = "Random seed of the synthetic shop.")
  private long seed;
  @Option(names = "--data", defaultValue = "var", description = "Directory of HBase, the raw zone and the work.")
  private Path dataDir;
  @Option(names = "--rebuild", description = "Build a new model even when HBase holds one.")
  private boolean rebuild;

  /** Runs the demo and serves until the JVM is stopped. */
  @Override
  protected int execute() throws Exception {
    PrintStream out = System.out;
    long t0 = System.nanoTime();
    Progress progress = new Progress(out, t0);
    Path data = dataDir.toAbsolutePath();
    Files.createDirectories(data);
    boolean existing = StandaloneHBase.hasData(data.resolve("hbase"));
    StandaloneHBase hbase = StandaloneHBase.start(data.resolve("hbase"));
    AtomicReference<RecoServer> serving = new AtomicReference<>();
    // one hook, in order: the server answers what is in flight, then HBase closes; the process exits 0
    RecoServer.stopOnSignal("the demo", () -> {
      RecoServer server = serving.get();
      try {
        if (server != null) {
          server.close();
        }
      } finally {
        hbase.close();
      }
    });
    progress.line("hbase", (existing ? "restarted over persisted data in " : "started, new, in ") + hbase.directory()
        + " (ZooKeeper 127.0.0.1:" + hbase.zookeeperPort() + ")");

    Configuration conf = LocalJobs.configure(hbase.configuration(), data.resolve("tmp"));
    try (Connection connection = ConnectionFactory.createConnection(conf)) {
      try (Admin admin = connection.getAdmin()) {
        SchemaAdmin.Report report = new SchemaAdmin(admin).ensure();
        progress.line("schema", report.created().isEmpty() ? "all " + RecoTables.ALL.size() + " tables present"
            : "created " + report.created());
      }
      Optional<String> active = new ModelRegistry(connection).activeVersion();
      if (active.isPresent() && !rebuild) {
        progress.line("model", "serving persisted model " + active.get() + " (--rebuild builds a new one)");
      } else {
        build(data, conf, progress);
      }
      RecoServer server = RecoServer.start(conf, "0.0.0.0", port);
      serving.set(server);
      progress.line("serve", "http://localhost:" + server.port() + "/ ready");
      printExamples(connection, server.port(), out);
      server.join();
    }
    return 0;
  }

  private void build(Path data, Configuration conf, Progress progress) throws Exception {
    FileSystem local = FileSystem.getLocal(conf);
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(data.toUri());
    local.delete(new org.apache.hadoop.fs.Path(root, "raw"), true);
    ShopGenerator.Summary shop = new ShopGenerator(local, root, new ShopGenerator.Settings(seed, events, START,
        DAYS, 0, 0)).generate();
    progress.line("generate", String.format("%,d events (%.2f%% purchases) from %,d users over %,d products, "
        + "%d hour partitions", shop.events(), shop.purchaseShare() * 100, shop.users(), shop.products(),
        shop.partitions()));
    PipelineJob.Result result = PipelineJob.run(conf, shop.clickstream().getParent(), START, START.plusDays(DAYS - 1),
        new org.apache.hadoop.fs.Path(root, "work"), (stage, detail, elapsed) -> progress.line(stage, detail));
    progress.line("model", result.version() + (result.promoted() ? " published" : " built, not served (see publish)"));
  }

  private static void printExamples(Connection connection, int port, PrintStream out) throws Exception {
    String version = new ModelRegistry(connection).activeVersion().orElseThrow();
    List<ScoredItem> popular;
    try (Table table = connection.getTable(RecoTables.POPULAR.tableName())) {
      popular = ScoredLists.read(table, RecoTables.POPULAR, PopularLists.GLOBAL, version).orElse(List.of());
    }
    String item = popular.isEmpty() ? "100000" : popular.get(0).getId();
    String user = mostActiveUser(connection, version);
    String base = "http://localhost:" + port;
    out.println();
    out.println("Try these (Ctrl-C stops the demo):");
    out.println("  curl '" + base + "/v1/items/" + item + "/similar?k=5'");
    out.println("  curl '" + base + "/v1/users/" + user + "/recommendations?k=5'");
    out.println("  curl '" + base + "/v1/users/" + user
        + "/recommendations?k=5&max_per_category=2&explain=true'    # diversity, and why each item");
    out.println("  curl '" + base + "/v1/users/new-visitor/recommendations?k=5'    # unknown user: popular items");
    String together = firstRow(connection, RecoTables.ITEM_TOGETHER, version, "").orElse(item);
    out.println("  curl '" + base + "/v1/items/" + together + "/bought-together?k=5'");
    out.println("  curl -X POST -d '{\"items\":[\"" + together + "\",\"" + item + "\"],\"k\":5}' '" + base
        + "/v1/cart/addons'");
    out.println("  curl -X POST -d '{\"items\":[\"" + item + "\",\"" + together + "\"]}' '" + base
        + "/v1/session/recommendations'    # an anonymous visitor's session, oldest first");
    String category = firstRow(connection, RecoTables.POPULAR, version, PopularLists.category(""))
        .map(row -> row.substring(PopularLists.category("").length())).orElse(null);
    out.println("  curl '" + base + "/v1/popular?k=5" + (category == null ? "" : "&category="
        + java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8)) + "'");
    out.println("  curl '" + base + "/v1/trending?k=5'");
    out.println("  curl '" + base + "/v1/features/users/" + user + "'");
    out.println("  curl '" + base + "/v1/features/items/" + item + "'");
    out.println("  curl '" + base + "/health/ready'");
    out.println("  curl -s '" + base + "/metrics' | grep '^reco_'                      # Prometheus metrics");
  }

  /** Among the first rows of the recent-items table, the user with the longest list. */
  private static String mostActiveUser(Connection connection, String version) throws Exception {
    String best = "u0";
    int longest = -1;
    Scan scan = new Scan().addColumn(RecoTables.USER_RECENT.family().bytes(), ScoredLists.qualifier(version))
        .setLimit(200);
    try (Table table = connection.getTable(RecoTables.USER_RECENT.tableName());
         ResultScanner scanner = table.getScanner(scan)) {
      for (Result r : scanner) {
        int size = ScoredLists.from(r, RecoTables.USER_RECENT, version).map(List::size).orElse(0);
        if (size > longest) {
          longest = size;
          best = RowKeys.idOf(r.getRow());
        }
      }
    }
    return best;
  }

  /** The first row of {@code table} starting {@code prefix} with a list of {@code version}. */
  private static Optional<String> firstRow(Connection connection, io.reco.schema.TableSpec table, String version,
      String prefix) throws Exception {
    Scan scan = new Scan().addColumn(table.family().bytes(), ScoredLists.qualifier(version)).setLimit(50);
    try (Table hbase = connection.getTable(table.tableName()); ResultScanner scanner = hbase.getScanner(scan)) {
      for (Result r : scanner) {
        String id = RowKeys.idOf(r.getRow());
        if (id.startsWith(prefix) && ScoredLists.from(r, table, version).filter(l -> !l.isEmpty()).isPresent()) {
          return Optional.of(id);
        }
      }
    }
    return Optional.empty();
  }

  /** Prints {@code [elapsed] stage detail} lines. */
  private record Progress(PrintStream out, long t0) {
    void line(String stage, String detail) {
      out.printf("[%6.1fs] %-26s %s%n", (System.nanoTime() - t0) / 1e9, stage, detail);
    }
  }
}
