package io.reco.jobs.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.jobs.common.LocalJobs;
import io.reco.schema.RecoTables;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import io.reco.testing.SharedHBase;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists reach HBase as HFiles, bulk-loaded beside other versions' cells. */
class LoadListsJobIT {
  @TempDir
  Path dir;

  @Test
  void bulkLoadedListsAreReadableUnderTheirVersionOnly() throws Exception {
    Configuration conf = LocalJobs.configure(SharedHBase.configuration(), dir);
    org.apache.hadoop.fs.Path input = new org.apache.hadoop.fs.Path(dir.resolve("lists/part-r-00000").toUri());
    try (SequenceFile.Writer writer = SequenceFile.createWriter(conf, SequenceFile.Writer.file(input),
        SequenceFile.Writer.keyClass(Text.class), SequenceFile.Writer.valueClass(BytesWritable.class))) {
      for (int i = 0; i < 500; i++) {
        byte[] list = ScoredLists.encode(List.of(new ScoredItem("n" + i, 0.5), new ScoredItem("m" + i, 0.25)));
        writer.append(new Text("item" + i), new BytesWritable(list));
      }
    }
    Connection connection = SharedHBase.connection();
    long rows = LoadListsJob.load(conf, connection, RecoTables.ITEM_SIMILAR, "vtest-load", input.getParent(),
        new org.apache.hadoop.fs.Path(dir.resolve("hfiles").toUri()));
    assertEquals(500, rows);
    try (Table table = connection.getTable(RecoTables.ITEM_SIMILAR.tableName())) {
      assertEquals(List.of(new ScoredItem("n42", 0.5), new ScoredItem("m42", 0.25)),
          ScoredLists.read(table, RecoTables.ITEM_SIMILAR, "item42", "vtest-load").orElseThrow());
      assertFalse(ScoredLists.read(table, RecoTables.ITEM_SIMILAR, "item42", "vother").isPresent());
    }
  }

  @Test
  void onlyModelTablesCanBeLoaded() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadListsJob.tableOf(
        RecoTables.MODELS.name()));
    assertEquals("no model table 'reco:models'; model tables are [reco:item_similar, reco:item_next, reco:popular, "
        + "reco:user_recent, reco:user_excluded, reco:user_top, reco:user_features, reco:item_features, reco:item_together, "
        + "reco:item_content]", e.getMessage());
  }
}
