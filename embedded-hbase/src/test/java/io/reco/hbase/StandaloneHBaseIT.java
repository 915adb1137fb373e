package io.reco.hbase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneHBaseIT {
  private static final TableName TABLE = TableName.valueOf("persist_check");
  private static final byte[] FAMILY = bytes("f");
  private static final byte[] QUALIFIER = bytes("q");

  @TempDir
  Path dir;

  @Test
  void dataSurvivesStopAndRestartAndSiteFileLetsOthersConnect() throws Exception {
    try (StandaloneHBase hbase = StandaloneHBase.start(dir)) {
      assertTrue(Files.isRegularFile(hbase.siteFile()), "client config written for other processes");
      Configuration fromFile = HBaseConfiguration.create();
      fromFile.addResource(new org.apache.hadoop.fs.Path(hbase.siteFile().toUri()));
      try (Connection connection = ConnectionFactory.createConnection(fromFile);
           Admin admin = connection.getAdmin()) {
        admin.createTable(TableDescriptorBuilder.newBuilder(TABLE)
            .setColumnFamily(ColumnFamilyDescriptorBuilder.of(FAMILY)).build());
        try (Table table = connection.getTable(TABLE)) {
          table.put(new Put(bytes("row1")).addColumn(FAMILY, QUALIFIER, bytes("kept")));
        }
      }
      IllegalStateException second = assertThrows(IllegalStateException.class, () -> StandaloneHBase.start(dir));
      assertTrue(second.getMessage().contains("another process"), second.getMessage());
    }
    assertTrue(StandaloneHBase.hasData(dir));

    try (StandaloneHBase hbase = StandaloneHBase.start(dir);
         Connection connection = ConnectionFactory.createConnection(hbase.configuration());
         Table table = connection.getTable(TABLE)) {
      assertArrayEquals(bytes("kept"), table.get(new Get(bytes("row1"))).getValue(FAMILY, QUALIFIER));
      assertFalse(table.get(new Get(bytes("row2"))).containsColumn(FAMILY, QUALIFIER));
      assertEquals(1, connection.getAdmin().listTableNames().length);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
