package io.reco.serving;

import io.reco.records.Settings;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet's HBase connection, with every client timeout set from {@value #HBASE_TIMEOUT_MS} and
 * {@value #HBASE_RETRIES}, and re-created on demand: a new connection re-reads the configuration's files (an
 * {@code hbase-site.xml} that a restarted HBase rewrote with its new ZooKeeper port, say), and replaces the old
 * one only once it has answered.
 */
final class Store implements AutoCloseable {
  /** The longest one HBase operation of a request may take, retries included, ms. */
  static final String HBASE_TIMEOUT_MS = "reco.serving.hbase-timeout-ms";
  /** Retries of an HBase operation within {@link #HBASE_TIMEOUT_MS}. */
  static final String HBASE_RETRIES = "reco.serving.hbase-retries";
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);

  /** What a candidate connection must do before it replaces the current one. */
  interface Probe {
    void check(Connection candidate) throws IOException;
  }

  private final Configuration conf;
  private volatile Connection connection;

  Store(Configuration conf) throws IOException {
    this.conf = conf;
    this.connection = ConnectionFactory.createConnection(clientConfiguration(conf));
  }

  /** The current connection; do not close it. */
  Connection connection() {
    return connection;
  }

  /** The longest a request waits on HBase, ms. */
  long timeoutMillis() {
    return Settings.getLong(conf, HBASE_TIMEOUT_MS);
  }

  /**
   * Opens a connection from the configuration's files read again; if {@code probe} passes on it, it replaces the
   * current one (which is closed) and this returns true; otherwise it is closed and the current one stays.
   */
  synchronized boolean reconnect(Probe probe) {
    Configuration fresh = new Configuration(conf);
    fresh.reloadConfiguration();
    Connection candidate;
    try {
      candidate = ConnectionFactory.createConnection(clientConfiguration(fresh));
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot open a new HBase connection: {}", e.getMessage());
      return false;
    }
    try {
      probe.check(candidate);
    } catch (IOException | RuntimeException e) {
      closeQuietly(candidate);
      return false;
    }
    Connection old = connection;
    connection = candidate;
    closeQuietly(old);
    LOG.info("HBase answers again on a new connection (ZooKeeper {}:{})", fresh.get("hbase.zookeeper.quorum"),
        fresh.get("hbase.zookeeper.property.clientPort"));
    return true;
  }

  @Override
  public synchronized void close() throws IOException {
    connection.close();
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing an HBase connection: {}", e.getMessage());
    }
  }

  /**
   * The HBase client's settings for serving: a request waits on HBase at most {@value #HBASE_TIMEOUT_MS}, whatever
   * the client's defaults (minutes) would let it, and so does a lookup in ZooKeeper.
   */
  static Configuration clientConfiguration(Configuration conf) {
    long timeout = Settings.getLong(conf, HBASE_TIMEOUT_MS);
    int retries = Settings.getInt(conf, HBASE_RETRIES);
    if (timeout < 1 || retries < 0) {
      throw new IllegalArgumentException(HBASE_TIMEOUT_MS + " must be 1 or more and " + HBASE_RETRIES
          + " 0 or more, were " + timeout + " and " + retries);
    }
    Configuration hbase = HBaseConfiguration.create(conf);
    long pause = Math.max(10, timeout / (retries + 2));
    hbase.setLong("hbase.client.operation.timeout", timeout);
    hbase.setLong("hbase.client.meta.operation.timeout", timeout);
    hbase.setLong("hbase.rpc.timeout", timeout);
    hbase.setLong("hbase.rpc.read.timeout", timeout);
    hbase.setLong("hbase.rpc.write.timeout", timeout);
    hbase.setInt("hbase.client.retries.number", retries);
    hbase.setLong("hbase.client.pause", pause);
    // the client's own pool for multi-gets: as many as the API's reads can use, not its default of 256
    int threads = 2 * Settings.getInt(conf, RecoServer.MAX_ACTIVE);
    hbase.setInt("hbase.hconnection.threads.max", threads);
    hbase.setInt("hbase.hconnection.threads.core", threads);
    hbase.setInt("zookeeper.recovery.retry", retries);
    hbase.setLong("zookeeper.recovery.retry.intervalmill", pause);
    return hbase;
  }
}
