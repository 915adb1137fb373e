package io.reco.ingest;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * One real HDFS (MiniDFSCluster, one data node) per test JVM, started on first use and shut down with the JVM;
 * tests keep apart by writing under paths of their own.
 */
public final class SharedHdfs {
  private static MiniDFSCluster cluster;

  private SharedHdfs() {
  }

  /** The file system of the shared cluster, starting it if needed. */
  public static synchronized FileSystem fileSystem() throws IOException {
    if (cluster == null) {
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, Files.createTempDirectory("reco-minidfs-").toString());
      MiniDFSCluster started = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
      started.waitActive();
      Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown, "minidfs-shutdown"));
      cluster = started;
    }
    return cluster.getFileSystem();
  }
}
