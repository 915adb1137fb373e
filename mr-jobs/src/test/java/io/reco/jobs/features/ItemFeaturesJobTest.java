package io.reco.jobs.features;

import static io.reco.jobs.common.SilverFixtures.event;
import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.reco.jobs.common.EventWindow;
import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.records.avro.EventType;
import io.reco.records.avro.Product;
import io.reco.records.avro.ProductMetadata;
import io.reco.schema.avro.ItemFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The item-features job on LocalJobRunner: events of two partitions, a catalog, a metadata pull. */
class ItemFeaturesJobTest {
  private static final long MIDNIGHT = 1793491200000L; // 2026-11-01T00:00:00Z
  private static final long DAY = 86_400_000L;

  @TempDir
  Path dir;

  private static Product product(String id, String category, double price) {
    return Product.newBuilder().setProductId(id).setName(id).setCategory(category).setPrice(price)
        .setCreatedAt(MIDNIGHT - 8 * DAY).build();
  }

  @Test
  void everyItemOfTheEventsAndTheCatalogGetsFeatures() throws Exception {
    SilverFixtures.write(dir.resolve("silver/clickstream/dt=2026-11-01/part-r-00000.avro"), List.of(
        event("e1", "u1", "p1", EventType.view, MIDNIGHT + 1), event("e2", "u2", "p2", EventType.view, MIDNIGHT + 2),
        event("e4", "u3", "p9", EventType.view, MIDNIGHT + 3)));
    SilverFixtures.write(dir.resolve("silver/clickstream/dt=2026-11-02/part-r-00000.avro"), List.of(
        event("e3", "u2", "p1", EventType.purchase, MIDNIGHT + DAY)));
    SilverFixtures.writeRecords(dir.resolve("silver/catalog/catalog.avro"), List.of(product("p1", "shoes", 50),
        product("p2", "shoes", 30), product("p3", "shoes", 90), product("p4", "bags", 10)));
    SilverFixtures.writeRecords(dir.resolve("silver/product_metadata/product_metadata.avro"), List.of(
        new ProductMetadata("p1", 0.9, 0.1, "rising"), new ProductMetadata("p77", 0.1, null, null)));
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    ItemFeaturesJob.Result result = ItemFeaturesJob.run(conf, new FeatureInputs(
        List.of(hadoop(dir.resolve("silver/clickstream"))), hadoop(dir.resolve("silver")), null),
        hadoop(dir.resolve("gold")), Instant.ofEpochMilli(MIDNIGHT + 2 * DAY));
    assertEquals(new ItemFeaturesJob.Result(new EventWindow.Counts(4, 4, 0, 0), 5, 4, 2), result);

    Map<String, ItemFeatures> items = SilverFixtures.read(dir.resolve("gold/items/features/dt=2026-11-02"),
        ItemFeatures.class).stream().collect(Collectors.toMap(ItemFeatures::getItemId, f -> f, (a, b) -> a,
        TreeMap::new));
    assertEquals(List.of("p1", "p2", "p3", "p4", "p9"), List.copyOf(items.keySet()), "p77: metadata only");
    ItemFeatures p1 = items.get("p1");
    assertEquals(2, p1.getUsers());
    assertEquals(1, p1.getPurchases());
    assertEquals(MIDNIGHT + DAY, p1.getLastPurchase());
    assertEquals(0.5, p1.getPricePercentile(), 1e-9, "the middle of 30, 50, 90");
    assertEquals(2 / 3.0, p1.getCategoryPopularity(), 1e-9, "shoes had two of the three views");
    assertEquals("rising", p1.getExtTrend());
    assertEquals(0, items.get("p3").getViews(), "a catalog product with no views");
    assertEquals(5 / 6.0, items.get("p3").getPricePercentile(), 1e-9);
    assertEquals(0.5, items.get("p4").getPricePercentile(), 1e-9, "alone in bags");
    assertEquals(null, items.get("p9").getCategory());
    assertFalse(Files.exists(dir.resolve("gold/items/partial")), "the first pass's output is removed");
    assertEquals(3, SilverFixtures.read(dir.resolve("gold/items/state"), io.reco.records.avro.ItemState.class)
        .size(), "state for the items with events");
  }
}
