package io.reco.serving;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The recommendation service: an embedded Jetty serving {@link RecommendationServlet} and {@link HealthServlet}
 * over one HBase connection.
 *
 * <p>Run alone: {@code java io.reco.serving.RecoServer --port 8080 --hbase-site /etc/hbase/conf/hbase-site.xml}.
 */
public final class RecoServer implements AutoCloseable {
  /** How often the active model version is re-read, in ms. */
  public static final String MODEL_REFRESH_MS = "reco.serving.model-refresh-ms";
  /** Default of {@link #MODEL_REFRESH_MS}. */
  public static final long DEFAULT_MODEL_REFRESH_MS = 5_000;

  private final Server server;
  private final Connection connection;

  private RecoServer(Server server, Connection connection) {
    this.server = server;
    this.connection = connection;
  }

  /** Starts serving on {@code host:port} (port 0 picks a free one) from the HBase {@code conf} points at. */
  public static RecoServer start(Configuration conf, String host, int port) throws Exception {
    Connection connection = ConnectionFactory.createConnection(HBaseConfiguration.create(conf));
    ModelReader model = new ModelReader(connection, conf.getLong(MODEL_REFRESH_MS, DEFAULT_MODEL_REFRESH_MS));
    Server server = new Server(new InetSocketAddress(host, port));
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new RecommendationServlet(model)), "/v1/*");
    context.addServlet(new ServletHolder(new HealthServlet(model)), "/health/*");
    server.setHandler(context);
    server.setStopAtShutdown(false);
    try {
      server.start();
    } catch (Exception e) {
      connection.close();
      throw new IOException("cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return new RecoServer(server, connection);
  }

  /** The port served on. */
  public int port() {
    return ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).getLocalPort();
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
      connection.close();
    }
  }

  /** Serves until the process is stopped. */
  public static void main(String[] args) throws Exception {
    int port = 8080;
    String host = "0.0.0.0";
    Configuration conf = HBaseConfiguration.create();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--host" -> host = args[i + 1];
        case "--hbase-site" -> conf.addResource(new org.apache.hadoop.fs.Path(args[i + 1]));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: RecoServer [--host H] [--port N] [--hbase-site FILE]");
      }
    }
    RecoServer server = start(conf, host, port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("reco server did not stop cleanly: " + e.getMessage());
      }
    }, "reco-server-stop"));
    server.join();
  }
}
