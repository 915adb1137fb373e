package io.reco.jobs.references;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.TaggedKey;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

/** MRUnit and unit tests of the join's master side and of the key that orders it before the events. */
class MasterJoinTest {
  @Test
  void catalogRowsCarryWhetherTheProductIsActive() throws IOException {
    assertEquals(new MasterRow("p1", true, false), MasterRow.parse(Reference.PRODUCT,
        "{\"product_id\":\"p1\",\"name\":\"One\",\"is_active\":true}"));
    assertEquals(new MasterRow("p2", false, false), MasterRow.parse(Reference.PRODUCT,
        "{\"product_id\":\"p2\",\"name\":\"Two\",\"is_active\":false}"));
    assertEquals(new MasterRow("p3", true, false), MasterRow.parse(Reference.PRODUCT, "{\"product_id\":\"p3\"}"));
  }

  @Test
  void customerRowsAreAlwaysActiveAndKeyedByCustomerId() throws IOException {
    assertEquals(new MasterRow("u1", true, false), MasterRow.parse(Reference.USER,
        "{\"customer_id\":\"u1\",\"segment\":\"vip\",\"is_active\":false}"));
  }

  @Test
  void aRowWithoutItsIdNamesTheField() {
    IOException e = assertThrows(IOException.class, () -> MasterRow.parse(Reference.USER, "{\"name\":\"x\"}"));
    assertTrue(e.getMessage().startsWith("customers row without customer_id"), e.getMessage());
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
