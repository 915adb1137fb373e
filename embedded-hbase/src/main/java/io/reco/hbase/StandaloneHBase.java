package io.reco.hbase;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.LocalHBaseCluster;
import org.apache.hadoop.hbase.master.HMaster;
import org.apache.hadoop.hbase.zookeeper.MiniZooKeeperCluster;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;

/**
 * A standalone HBase in this JVM: one ZooKeeper, one master and one region server on random ports, keeping its
 * data under a directory on local disk so that it survives a stop and a restart.
 *
 * <p>On start it writes {@code <dir>/conf/hbase-site.xml} with the client settings (quorum and port), so that
 * other processes on the machine ({@code hadoop jar ... -conf}, the servlet, the admin tool) can connect. A lock
 * file keeps two processes from opening the same directory.
 */
public final class StandaloneHBase implements AutoCloseable {
  /** Name of the client configuration file under the data directory. */
  public static final String SITE_FILE = "conf/hbase-site.xml";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final MiniZooKeeperCluster zookeeper;
  private final LocalHBaseCluster cluster;
  private final Configuration clientConf;

  private StandaloneHBase(Path dir, FileChannel lockChannel, FileLock lock, MiniZooKeeperCluster zookeeper,
      LocalHBaseCluster cluster, Configuration clientConf) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.zookeeper = zookeeper;
    this.cluster = cluster;
    this.clientConf = clientConf;
  }

  /**
   * Starts HBase over {@code dir}, creating it if needed, and returns once the master is initialised.
   *
   * @throws IllegalStateException when another process holds the directory
   */
  public static StandaloneHBase start(Path dir) throws IOException, InterruptedException {
    Path home = dir.toAbsolutePath().normalize();
    Files.createDirectories(home.resolve("conf"));
    FileChannel lockChannel = FileChannel.open(home.resolve("hbase.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IllegalStateException("another process is running HBase over " + home
          + "; stop it first, or use a different data directory");
    }
    MiniZooKeeperCluster zookeeper = null;
    LocalHBaseCluster cluster = null;
    try {
      // Lets a JVM start HBase again after a stop: otherwise the old metrics sources make the region server abort.
      DefaultMetricsSystem.setMiniClusterMode(true);
      Configuration conf = serverConfiguration(home);
      zookeeper = new MiniZooKeeperCluster(conf);
      // HBase keeps nothing durable in ZooKeeper; after a crash, the dead servers' znodes would keep the new
      // master waiting for their sessions to expire. The lock above says no other process uses them.
      Path zkDir = home.resolve("zookeeper");
      deleteTree(zkDir);
      int zkPort = zookeeper.startup(zkDir.toFile());
      conf.setInt(HConstants.ZOOKEEPER_CLIENT_PORT, zkPort);
      cluster = new LocalHBaseCluster(conf, 1, 1);
      cluster.startup();
      awaitMaster(cluster);
      Configuration clientConf = clientConfiguration(zkPort);
      writeSite(clientConf, home.resolve(SITE_FILE));
      return new StandaloneHBase(home, lockChannel, lock, zookeeper, cluster, clientConf);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (cluster != null) {
        cluster.shutdown();
      }
      if (zookeeper != null) {
        zookeeper.shutdown();
      }
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  /** A fresh client configuration pointing at this HBase. */
  public Configuration configuration() {
    return new Configuration(clientConf);
  }

  /** The client configuration file other processes read. */
  public Path siteFile() {
    return dir.resolve(SITE_FILE);
  }

  /** The data directory. */
  public Path directory() {
    return dir;
  }

  /** The ZooKeeper client port. */
  public int zookeeperPort() {
    return clientConf.getInt(HConstants.ZOOKEEPER_CLIENT_PORT, -1);
  }

  /** Stops HBase cleanly: memstores are flushed, so every write is on disk. */
  @Override
  public void close() throws IOException {
    try {
      cluster.shutdown();
      cluster.join();
      zookeeper.shutdown();
      Files.deleteIfExists(siteFile());
    } finally {
      lock.release();
      lockChannel.close();
    }
  }

  private static Configuration serverConfiguration(Path home) {
    Configuration conf = HBaseConfiguration.create();
    conf.set(HConstants.HBASE_DIR, home.resolve("root").toUri().toString());
    conf.set("hbase.tmp.dir", home.resolve("tmp").toString());
    conf.set("hbase.fs.tmp.dir", home.resolve("tmp/staging").toString());
    conf.set(HConstants.ZOOKEEPER_QUORUM, "127.0.0.1");
    conf.set("hbase.zookeeper.property.dataDir", home.resolve("zookeeper").toString());
    conf.setBoolean(HConstants.CLUSTER_DISTRIBUTED, false);
    conf.setBoolean("hbase.localcluster.assign.random.ports", true);
    conf.setInt("hbase.master.info.port", -1);
    conf.setInt("hbase.regionserver.info.port", -1);
    conf.setInt("hbase.master.wait.on.regionservers.mintostart", 1);
    conf.setInt("hbase.master.wait.on.regionservers.maxtostart", 1);
    // The local file system cannot hflush/hsync; HBase refuses to write a WAL there unless told it is fine.
    conf.setBoolean("hbase.unsafe.stream.capability.enforce", false);
    conf.set("hbase.wal.provider", "filesystem");
    conf.setInt("hbase.regionserver.handler.count", 10);
    conf.setBoolean("hbase.table.sanity.checks", true);
    return conf;
  }

  private static Configuration clientConfiguration(int zkPort) {
    Configuration conf = new Configuration(false);
    conf.set(HConstants.ZOOKEEPER_QUORUM, "127.0.0.1");
    conf.setInt(HConstants.ZOOKEEPER_CLIENT_PORT, zkPort);
    conf.setBoolean(HConstants.CLUSTER_DISTRIBUTED, false);
    conf.setInt("hbase.client.retries.number", 10);
    return HBaseConfiguration.create(conf);
  }

  private static void writeSite(Configuration clientConf, Path file) throws IOException {
    Configuration site = new Configuration(false);
    site.set(HConstants.ZOOKEEPER_QUORUM, clientConf.get(HConstants.ZOOKEEPER_QUORUM));
    site.set(HConstants.ZOOKEEPER_CLIENT_PORT, clientConf.get(HConstants.ZOOKEEPER_CLIENT_PORT));
    site.set(HConstants.CLUSTER_DISTRIBUTED, "false");
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      site.writeXml(out);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void awaitMaster(LocalHBaseCluster cluster) throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      HMaster master = cluster.getActiveMaster();
      if (master != null && master.isInitialized()) {
        return;
      }
      if (cluster.getMasters().stream().noneMatch(t -> t.isAlive())
          || cluster.getRegionServers().stream().noneMatch(t -> t.isAlive())) {
        throw new IllegalStateException("HBase master or region server died during start-up; the log says why");
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("HBase master not initialised after " + START_TIMEOUT.toSeconds() + " s");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** Whether a directory was used by a standalone HBase before (so its tables may exist). */
  public static boolean hasData(Path dir) {
    String[] entries = dir.resolve("root").toFile().list();
    return entries != null && entries.length > 0;
  }

  /** Runs HBase over the directory given as the only argument (default {@code var/hbase}) until Ctrl-C. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "var/hbase");
    StandaloneHBase hbase = start(dir);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        hbase.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "hbase-shutdown"));
    System.out.println("HBase running over " + hbase.directory() + "; ZooKeeper on 127.0.0.1:"
        + hbase.zookeeperPort() + "; client config " + hbase.siteFile() + ". Ctrl-C stops it.");
    Thread.currentThread().join();
  }
}
