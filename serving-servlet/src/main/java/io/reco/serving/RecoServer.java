package io.reco.serving;

import io.reco.commands.ExitCodes;
import io.reco.commands.RecoTool;
import io.reco.ranking.RankingSettings;
import io.reco.records.Settings;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalInt;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.util.ToolRunner;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The recommendation service: an embedded Jetty serving {@link ApiServlet} ({@code /v1}),
 * {@link HealthServlet} ({@code /health}), {@link MetricsServlet} ({@code /metrics}) and, on its own connector,
 * {@link AdminServlet} ({@code /admin}), over one HBase connection ({@link Store}) read through
 * {@link ModelReader}'s cache. Every request passes {@link FrontDoor} and is logged by {@link AccessLog}; the
 * container's own errors are JSON ({@link JsonErrorHandler}). The API answers on a {@link RequestPool} of its own, with a
 * bounded queue, apart from the container's bounded pool: a stalled HBase holds the API's threads and no more, the
 * API's excess is answered 503, and health and metrics keep being answered.
 *
 * <p>Run alone: {@code java io.reco.serving.RecoServer --port 8080 --hbase-site /etc/hbase/conf/hbase-site.xml}
 * ({@code --help} lists the options; {@code -D reco.serving.*} settings go first).
 */
public final class RecoServer implements AutoCloseable {
  /** How often the active model version is re-read, in ms. */
  public static final String MODEL_REFRESH_MS = "reco.serving.model-refresh-ms";
  /** The longest one HBase operation of a request may take, retries included, ms. */
  public static final String HBASE_TIMEOUT_MS = Store.HBASE_TIMEOUT_MS;
  /** Retries of an HBase operation within {@link #HBASE_TIMEOUT_MS}. */
  public static final String HBASE_RETRIES = Store.HBASE_RETRIES;
  /** How long HBase may fail to answer before the connection is re-created, ms. */
  public static final String RECONNECT_AFTER_MS = "reco.serving.reconnect-after-ms";
  /** How long a stop waits for the requests in flight to be answered, ms. */
  public static final String SHUTDOWN_GRACE_MS = "reco.serving.shutdown-grace-ms";
  /** The request threads. */
  public static final String THREADS = "reco.serving.threads";
  /** The API requests answered at once, on threads of their own. */
  public static final String MAX_ACTIVE = "reco.serving.max-active-requests";
  /** The API requests that may wait for a thread; past it they are answered 503. */
  public static final String MAX_QUEUED = "reco.serving.max-queued-requests";
  /** How long an API request waits for a thread before it is answered 503, ms. */
  public static final String QUEUE_WAIT_MS = "reco.serving.queue-wait-ms";
  /** Connections open at once; past it the server stops accepting until some close. */
  public static final String MAX_CONNECTIONS = "reco.serving.max-connections";
  /** The request line and headers' largest size, bytes. */
  public static final String MAX_HEADER_BYTES = "reco.serving.max-header-bytes";
  /** A request body's largest size, bytes. */
  public static final String MAX_BODY_BYTES = "reco.serving.max-body-bytes";
  /** How long a list read from HBase is kept in the cache, ms; 0 turns the cache off. */
  public static final String CACHE_TTL_MS = "reco.serving.cache-ttl-ms";
  /** The most lists the cache holds. */
  public static final String CACHE_MAX_ENTRIES = "reco.serving.cache-max-entries";
  /** The admin API's port: -1 serves none, 0 a free one, the public port mounts it there. */
  public static final String ADMIN_PORT = "reco.serving.admin-port";
  /** The address the admin API listens on. */
  public static final String ADMIN_HOST = "reco.serving.admin-host";
  /** The bearer token the admin API asks for. */
  public static final String ADMIN_TOKEN = "reco.serving.admin-token";
  /** How often the live item status (stock, price) is read for changes, ms: a sell-out is served within this. */
  public static final String ITEM_STATUS_REFRESH_MS = "reco.serving.item-status-refresh-ms";
  /** The JSON file of business rules and A/B experiments ({@link Rules}); empty for the default rules. */
  public static final String RULES_FILE = "reco.serving.rules-file";
  /** How often the rules file is compared with what was read, ms; 0 reads it once. */
  public static final String RULES_REFRESH_MS = "reco.serving.rules-refresh-ms";

  private static final String PUBLIC = "public";
  private static final String ADMIN = "admin";

  private final Server server;
  private final RequestPool pool;
  private final Store store;
  private final ModelReader model;
  private final ServingMetrics metrics;
  private final RulesFile rules;
  private final FeedbackLog feedback;

  private RecoServer(Server server, RequestPool pool, Store store, ModelReader model, ServingMetrics metrics,
      RulesFile rules, FeedbackLog feedback) {
    this.server = server;
    this.rules = rules;
    this.feedback = feedback;
    this.pool = pool;
    this.store = store;
    this.model = model;
    this.metrics = metrics;
  }

  /** Starts serving on {@code host:port} (port 0 picks a free one) from the HBase {@code conf} points at. */
  public static RecoServer start(Configuration conf, String host, int port) throws Exception {
    String rulesFile = Settings.get(conf, RULES_FILE).strip();
    RulesFile rules = rulesFile.isEmpty() ? new RulesFile()
        : new RulesFile(java.nio.file.Path.of(rulesFile), Settings.getLong(conf, RULES_REFRESH_MS));
    FeedbackLog feedback;
    try {
      feedback = FeedbackLog.from(conf);
    } catch (IOException | RuntimeException e) {
      rules.close();
      throw e;
    }
    ServingMetrics metrics = new ServingMetrics();
    metrics.feedback(feedback);
    Store store = new Store(conf);
    long cacheTtl = Settings.getLong(conf, CACHE_TTL_MS);
    int active = Settings.getInt(conf, MAX_ACTIVE);
    ModelReader model = new ModelReader(store, metrics, Settings.getLong(conf, MODEL_REFRESH_MS),
        Settings.getLong(conf, RECONNECT_AFTER_MS), Duration.ofMillis(cacheTtl),
        cacheTtl == 0 ? 0 : Settings.getLong(conf, CACHE_MAX_ENTRIES), 2 * active,
        Settings.getLong(conf, ITEM_STATUS_REFRESH_MS));
    RequestPool pool = new RequestPool(active, Settings.getInt(conf, MAX_QUEUED),
        Settings.getLong(conf, QUEUE_WAIT_MS));
    metrics.pool(pool);
    Server server;
    try {
      server = server(conf, host, port, pool, store, model, metrics, rules, feedback);
      server.start();
    } catch (Exception e) {
      rules.close();
      feedback.close();
      pool.close();
      model.close();
      store.close();
      metrics.close();
      throw new IOException("cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return new RecoServer(server, pool, store, model, metrics, rules, feedback);
  }

  private static Server server(Configuration conf, String host, int port, RequestPool pool, Store store,
      ModelReader model, ServingMetrics metrics, RulesFile rules, FeedbackLog feedback) {
    int threads = Settings.getInt(conf, THREADS);
    // a bounded queue: past it Jetty refuses work instead of piling it up
    QueuedThreadPool container = new QueuedThreadPool(threads, Math.min(8, threads), 60_000,
        new BlockingArrayQueue<>(threads * 4, threads * 4, threads * 64));
    container.setName("http");
    Server server = new Server(container);
    metrics.threads(container);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(Settings.getInt(conf, MAX_HEADER_BYTES));
    // look at a request as soon as its headers are in: one announcing too long a body is refused at once
    http.setDelayDispatchUntilContent(false);
    server.addConnector(connector(server, http, PUBLIC, host, port));
    server.addBean(new ConnectionLimit(Settings.getInt(conf, MAX_CONNECTIONS), server));

    ServletContextHandler api = context(PUBLIC);
    ServletHolder recommendations = new ServletHolder(new ApiServlet(model, pool, rules, feedback,
        RankingSettings.topPicks(conf), RankingSettings.sessionPicks(conf), RankingSettings.sessionDecay(conf)));
    recommendations.setAsyncSupported(true);
    api.addServlet(recommendations, Endpoint.ROOT + "/*");
    api.addServlet(new ServletHolder(new HealthServlet(model)), "/health/*");
    api.addServlet(new ServletHolder(new MetricsServlet(metrics)), "/metrics");
    ContextHandlerCollection contexts = new ContextHandlerCollection(api);

    int adminPort = Settings.getInt(conf, ADMIN_PORT);
    if (adminPort >= 0) {
      ServletContextHandler admin = context(ADMIN);
      admin.addServlet(new ServletHolder(new AdminServlet(model, store, Settings.optional(conf, ADMIN_TOKEN))),
          "/admin/*");
      if (adminPort == port && port != 0) {
        admin.setVirtualHosts(new String[] {"@" + PUBLIC});
      } else {
        server.addConnector(connector(server, http, ADMIN, Settings.get(conf, ADMIN_HOST), adminPort));
      }
      contexts.addHandler(admin);
    }
    FrontDoor door = new FrontDoor(Settings.getLong(conf, MAX_BODY_BYTES));
    door.setHandler(contexts);
    // counts the requests in flight, so that a stop stops accepting and waits for them (Jetty's graceful stop)
    StatisticsHandler inFlight = new StatisticsHandler();
    inFlight.setHandler(door);
    server.setHandler(inFlight);
    server.setRequestLog(new AccessLog(metrics));
    server.setStopTimeout(Settings.getLong(conf, SHUTDOWN_GRACE_MS));
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopAtShutdown(false);
    return server;
  }

  private static ServerConnector connector(Server server, HttpConfiguration http, String name, String host,
      int port) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setName(name);
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private static ServletContextHandler context(String connector) {
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.setVirtualHosts(new String[] {"@" + connector});
    context.setErrorHandler(new JsonErrorHandler());
    context.addServlet(new ServletHolder(new NotFound()), "/");
    return context;
  }

  /** Every path no servlet serves, by any method: 404 in JSON (Jetty's default answers POST with 405). */
  private static final class NotFound extends JsonServlet {
    private static final long serialVersionUID = 1L;

    @Override
    Object get(HttpServletRequest request, HttpServletResponse response) {
      throw new ApiException(404, "no such endpoint: " + request.getRequestURI());
    }

    @Override
    Object post(HttpServletRequest request, HttpServletResponse response) {
      return get(request, response);
    }
  }

  /** The port served on. */
  public int port() {
    return port(PUBLIC);
  }

  /** The admin API's port, if it has its own connector. */
  public OptionalInt adminPort() {
    return Arrays.stream(server.getConnectors()).anyMatch(c -> ADMIN.equals(c.getName()))
        ? OptionalInt.of(port(ADMIN)) : OptionalInt.empty();
  }

  private int port(String name) {
    return Arrays.stream(server.getConnectors()).filter(c -> name.equals(c.getName()))
        .map(c -> ((ServerConnector) c).getLocalPort()).findFirst().orElseThrow();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop();
    } finally {
      rules.close();
      feedback.close();
      pool.close();
      model.close();
      store.close();
      metrics.close();
    }
  }

  /** The command that serves until the process is stopped. */
  @Command(name = "serve", description = "serve recommendations over HTTP from HBase")
  public static final class Serve extends RecoTool {
    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on.")
    private String host;
    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 picks a free one.")
    private int port;
    @Option(names = "--hbase-site", description = "An hbase-site.xml naming the HBase to read (default: the "
        + "class path's).")
    private Path hbaseSite;

    @Override
    protected int execute() throws Exception {
      Configuration conf = HBaseConfiguration.create(getConf());
      if (hbaseSite != null) {
        conf.addResource(hbaseSite);
      }
      serve(conf, host, port);
      return 0;
    }
  }

  /**
   * Serves until SIGTERM or Ctrl-C, which stop it as {@link #stopOnSignal} says; prints where it serves, and the
   * admin API's port if it has one.
   */
  public static void serve(Configuration conf, String host, int port) throws Exception {
    RecoServer server = start(conf, host, port);
    stopOnSignal("reco server", server);
    System.out.println("serving on http://" + host + ":" + server.port() + "/ ; Ctrl-C stops");
    server.adminPort().ifPresent(admin -> System.out.println("admin API on http://"
        + Settings.get(conf, ADMIN_HOST) + ":" + admin + "/admin/"));
    server.join();
  }

  /**
   * On SIGTERM or Ctrl-C: closes {@code resource} (a server stops accepting and answers what is in flight within
   * {@value #SHUTDOWN_GRACE_MS}), then ends the process with 0, or 1 if it did not close cleanly - not the 143 a
   * JVM ends with when a signal stops it.
   */
  public static void stopOnSignal(String what, AutoCloseable resource) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      int code = 0;
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println(what + " did not stop cleanly: " + e.getMessage());
        code = 1;
      }
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(code);
    }, "stop " + what));
  }

  /** Serves until the process is stopped. */
  public static void main(String[] args) {
    ExitCodes.exit("reco-server", () -> ToolRunner.run(Settings.create(), new Serve(), args));
  }
}
