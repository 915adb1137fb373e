package io.reco.testing;

import io.reco.hbase.StandaloneHBase;
import io.reco.schema.SchemaAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/**
 * One standalone HBase for the whole test JVM, started on first use with the reco tables created, and stopped
 * (its directory deleted) when the JVM exits. Starting HBase takes seconds, so suites share it.
 */
public final class SharedHBase {
  private static StandaloneHBase hbase;
  private static Connection connection;

  private SharedHBase() {
  }

  /** The running HBase, started if needed. */
  public static synchronized StandaloneHBase get() {
    if (hbase == null) {
      try {
        Path dir = Files.createTempDirectory("reco-test-hbase");
        hbase = StandaloneHBase.start(dir);
        connection = ConnectionFactory.createConnection(hbase.configuration());
        try (Admin admin = connection.getAdmin()) {
          SchemaAdmin.Report report = new SchemaAdmin(admin).ensure();
          if (!report.ok()) {
            throw new IllegalStateException("schema not created: " + report.problems());
          }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(SharedHBase::stop, "shared-hbase-stop"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting HBase", e);
      }
    }
    return hbase;
  }

  /** A connection to the shared HBase; do not close it. */
  public static synchronized Connection connection() {
    get();
    return connection;
  }

  /** A fresh client configuration for the shared HBase. */
  public static Configuration configuration() {
    return get().configuration();
  }

  private static synchronized void stop() {
    try {
      connection.close();
      hbase.close();
      try (Stream<Path> files = Files.walk(hbase.directory())) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
