package io.reco.jobs.common;

import io.reco.schema.TableSpec;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.RegionLocator;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.mapreduce.HFileOutputFormat2;
import org.apache.hadoop.hbase.tool.BulkLoadHFiles;
import org.apache.hadoop.mapreduce.Job;

/** Writes HFiles shaped for a table's current regions and bulk-loads them: the way full recomputes reach HBase. */
public final class HFiles {
  private HFiles() {
  }

  /** Configures {@code job} to write HFiles for {@code table}: one reducer per region, total order. */
  public static void configure(Job job, Connection connection, TableSpec table) throws IOException {
    try (Table t = connection.getTable(table.tableName());
         RegionLocator locator = connection.getRegionLocator(table.tableName())) {
      HFileOutputFormat2.configureIncrementalLoad(job, t.getDescriptor(), locator);
    }
  }

  /** Moves the HFiles under {@code dir} into {@code table}; returns how many files were loaded. */
  public static int bulkLoad(Configuration conf, TableSpec table, Path dir) throws IOException {
    Map<BulkLoadHFiles.LoadQueueItem, java.nio.ByteBuffer> loaded =
        BulkLoadHFiles.create(conf).bulkLoad(table.tableName(), dir);
    return loaded.size();
  }
}
