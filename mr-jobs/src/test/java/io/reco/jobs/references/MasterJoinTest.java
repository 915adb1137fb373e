package io.reco.jobs.references;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.TaggedKey;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.junit.jupiter.api.Test;

/** MRUnit and unit tests of the join's master side and of the key that orders it before the events. */
class MasterJoinTest {
  @Test
  void catalogRowsCarryWhetherTheProductIsActive() throws IOException {
    MapDriver.newMapDriver(new MasterMapper())
        .withInput(new LongWritable(0), new Text("{\"product_id\":\"p1\",\"name\":\"One\",\"is_active\":true}"))
        .withInput(new LongWritable(1), new Text("{\"product_id\":\"p2\",\"name\":\"Two\",\"is_active\":false}"))
        .withInput(new LongWritable(2), new Text("{\"product_id\":\"p3\",\"name\":\"Three\"}"))
        .withOutput(new TaggedKey().set("p1", ReferencesJob.MASTER), new Text("M1"))
        .withOutput(new TaggedKey().set("p2", ReferencesJob.MASTER), new Text("M0"))
        .withOutput(new TaggedKey().set("p3", ReferencesJob.MASTER), new Text("M1"))
        .runTest();
  }

  @Test
  void customerRowsAreAlwaysActiveAndKeyedByCustomerId() throws IOException {
    Configuration conf = new Configuration();
    conf.set(ReferencesJob.REFERENCE, Reference.USER.name());
    MapDriver.newMapDriver(new MasterMapper()).withConfiguration(conf)
        .withInput(new LongWritable(0), new Text("{\"customer_id\":\"u1\",\"segment\":\"vip\"}"))
        .withOutput(new TaggedKey().set("u1", ReferencesJob.MASTER), new Text("M1"))
        .runTest();
  }

  @Test
  void aProductsCatalogRowSortsFirstAndGroupsAndPartitionsWithItsEvents() {
    TaggedKey catalog = new TaggedKey().set("p1", ReferencesJob.MASTER);
    TaggedKey event = new TaggedKey().set("p1", ReferencesJob.EVENT);
    TaggedKey other = new TaggedKey().set("p0", ReferencesJob.EVENT);
    assertTrue(catalog.compareTo(event) < 0);
    assertTrue(other.compareTo(catalog) < 0);
    assertEquals(0, new TaggedKey.SameId().compare(catalog, event));
    assertTrue(new TaggedKey.SameId().compare(other, event) != 0);
    TaggedKey.ById<Text> partitioner = new TaggedKey.ById<>();
    assertEquals(partitioner.getPartition(catalog, new Text(), 16), partitioner.getPartition(event, new Text(), 16));
  }
}
