package io.reco.serving;

import io.reco.commands.ExitCodes;
import io.reco.commands.RecoTool;
import io.reco.records.Settings;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.util.ToolRunner;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The recommendation service: an embedded Jetty serving {@link RecommendationServlet} and {@link HealthServlet}
 * over one HBase connection.
 *
 * <p>Run alone: {@code java io.reco.serving.RecoServer --port 8080 --hbase-site /etc/hbase/conf/hbase-site.xml}
 * ({@code --help} lists the options; {@code -D reco.serving.*} settings go first).
 */
public final class RecoServer implements AutoCloseable {
  /** How often the active model version is re-read, in ms. */
  public static final String MODEL_REFRESH_MS = "reco.serving.model-refresh-ms";
  /** The longest one HBase operation of a request may take, retries included, ms. */
  public static final String HBASE_TIMEOUT_MS = "reco.serving.hbase-timeout-ms";
  /** Retries of an HBase operation within {@link #HBASE_TIMEOUT_MS}. */
  public static final String HBASE_RETRIES = "reco.serving.hbase-retries";
  /** How long a stop waits for the requests in flight to be answered, ms. */
  public static final String SHUTDOWN_GRACE_MS = "reco.serving.shutdown-grace-ms";

  private final Server server;
  private final Connection connection;
  private final ModelReader model;

  private RecoServer(Server server, Connection connection, ModelReader model) {
    this.server = server;
    this.connection = connection;
    this.model = model;
  }

  /** Starts serving on {@code host:port} (port 0 picks a free one) from the HBase {@code conf} points at. */
  public static RecoServer start(Configuration conf, String host, int port) throws Exception {
    long refreshMs = Settings.getLong(conf, MODEL_REFRESH_MS);
    Connection connection = ConnectionFactory.createConnection(storeConfiguration(conf));
    ModelReader model = new ModelReader(connection, refreshMs);
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new RecommendationServlet(model)), "/v1/*");
    context.addServlet(new ServletHolder(new HealthServlet(model)), "/health/*");
    context.setErrorHandler(new JsonErrorHandler());
    MethodFilter methods = new MethodFilter();
    methods.setHandler(context);
    // counts the requests in flight, so that a stop stops accepting and waits for them (Jetty's graceful stop)
    StatisticsHandler inFlight = new StatisticsHandler();
    inFlight.setHandler(methods);
    server.setHandler(inFlight);
    server.setStopTimeout(Settings.getLong(conf, SHUTDOWN_GRACE_MS));
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopAtShutdown(false);
    try {
      server.start();
    } catch (Exception e) {
      model.close();
      connection.close();
      throw new IOException("cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return new RecoServer(server, connection, model);
  }

  /**
   * The HBase client's settings for serving, all from {@value #HBASE_TIMEOUT_MS} and {@value #HBASE_RETRIES}: a
   * request waits on HBase at most that long, whatever the client's defaults (minutes) would let it.
   */
  static Configuration storeConfiguration(Configuration conf) {
    long timeout = Settings.getLong(conf, HBASE_TIMEOUT_MS);
    int retries = Settings.getInt(conf, HBASE_RETRIES);
    if (timeout < 1 || retries < 0) {
      throw new IllegalArgumentException(HBASE_TIMEOUT_MS + " must be 1 or more and " + HBASE_RETRIES
          + " 0 or more, were " + timeout + " and " + retries);
    }
    Configuration hbase = HBaseConfiguration.create(conf);
    hbase.setLong("hbase.client.operation.timeout", timeout);
    hbase.setLong("hbase.client.meta.operation.timeout", timeout);
    hbase.setLong("hbase.rpc.timeout", timeout);
    hbase.setLong("hbase.rpc.read.timeout", timeout);
    hbase.setLong("hbase.rpc.write.timeout", timeout);
    hbase.setInt("hbase.client.retries.number", retries);
    hbase.setLong("hbase.client.pause", Math.max(10, timeout / (retries + 2)));
    return hbase;
  }

  /** The port served on. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
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
      model.close();
      connection.close();
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
      RecoServer server = start(conf, host, port);
      System.out.println("serving on http://" + host + ":" + server.port() + "/ ; Ctrl-C stops");
      stopOnSignal("reco server", server);
      server.join();
      return 0;
    }
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
