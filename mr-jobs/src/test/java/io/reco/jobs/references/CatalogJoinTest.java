package io.reco.jobs.references;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.junit.jupiter.api.Test;

/** MRUnit and unit tests of the join's catalog side and of the key that orders it before the events. */
class CatalogJoinTest {
  @Test
  void catalogRowsCarryWhetherTheProductIsActive() throws IOException {
    MapDriver.newMapDriver(new CatalogMapper())
        .withInput(new LongWritable(0), new Text("{\"product_id\":\"p1\",\"name\":\"One\",\"is_active\":true}"))
        .withInput(new LongWritable(1), new Text("{\"product_id\":\"p2\",\"name\":\"Two\",\"is_active\":false}"))
        .withInput(new LongWritable(2), new Text("{\"product_id\":\"p3\",\"name\":\"Three\"}"))
        .withOutput(new ProductKey().set("p1", ProductKey.CATALOG), new Text("C1"))
        .withOutput(new ProductKey().set("p2", ProductKey.CATALOG), new Text("C0"))
        .withOutput(new ProductKey().set("p3", ProductKey.CATALOG), new Text("C1"))
        .runTest();
  }

  @Test
  void aProductsCatalogRowSortsFirstAndGroupsAndPartitionsWithItsEvents() {
    ProductKey catalog = new ProductKey().set("p1", ProductKey.CATALOG);
    ProductKey event = new ProductKey().set("p1", ProductKey.EVENT);
    ProductKey other = new ProductKey().set("p0", ProductKey.EVENT);
    assertTrue(catalog.compareTo(event) < 0);
    assertTrue(other.compareTo(catalog) < 0);
    assertEquals(0, new ProductKey.SameProduct().compare(catalog, event));
    assertTrue(new ProductKey.SameProduct().compare(other, event) != 0);
    ProductKey.ByProduct partitioner = new ProductKey.ByProduct();
    assertEquals(partitioner.getPartition(catalog, new Text(), 16), partitioner.getPartition(event, new Text(), 16));
  }
}
