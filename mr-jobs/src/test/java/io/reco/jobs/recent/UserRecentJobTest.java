package io.reco.jobs.recent;

import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.ScoredListFiles;
import io.reco.jobs.common.SilverFixtures;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.records.avro.Product;
import io.reco.schema.avro.ScoredItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserRecentJobTest {
  private static final long HOUR = 3_600_000L;
  private static final Instant AS_OF = Instant.ofEpochMilli(100 * HOUR);

  @TempDir
  Path dir;
  private Configuration conf;

  @BeforeEach
  void aUserWhoBoughtMilkAndShoesAndViewedABag() throws Exception {
    Path pairs = dir.resolve("interactions/pairs/part-r-00000");
    Files.createDirectories(pairs.getParent());
    Files.write(pairs, List.of(new UserItemPair("u1", "milk", 8, 99 * HOUR, 1).format(),
        new UserItemPair("u1", "shoe", 8, 50 * HOUR, 1).format(),
        new UserItemPair("u1", "bag", 1, 98 * HOUR, 3).format()));
    SilverFixtures.writeRecords(dir.resolve("silver/catalog/catalog.avro"), List.of(product("milk", "groceries"),
        product("shoe", "shoes"), product("bag", "bags")));
    conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
  }

  private static Product product(String id, String category) {
    return Product.newBuilder().setProductId(id).setName(id).setCategory(category).setPrice(1.0).setCreatedAt(0L)
        .build();
  }

  private Map<String, List<String>> run(String output) throws Exception {
    Jobs.run(UserRecentJob.createJob(conf, hadoop(dir.resolve("interactions")), AS_OF, hadoop(dir.resolve(
        "silver/catalog")), hadoop(dir.resolve(output))));
    Map<String, List<String>> lists = new java.util.TreeMap<>();
    for (String part : List.of(UserRecentJob.RECENT, UserRecentJob.EXCLUDED)) {
      lists.put(part, ScoredListFiles.read(conf, hadoop(dir.resolve(output).resolve(part))).getOrDefault("u1",
          List.of()).stream().map(ScoredItem::getId).collect(Collectors.toList()));
    }
    return lists;
  }

  @Test
  void theHistoryRanksByStrengthAndRecencyAndEverythingTouchedIsExcluded() throws Exception {
    Map<String, List<String>> lists = run("history");
    // half-life 24 h: milk, a purchase 1 h ago, 8 x 0.97; shoe, a purchase 50 h ago, 8 x 0.24; bag, a view 2 h ago, 0.94
    assertEquals(List.of("milk", "shoe", "bag"), lists.get(UserRecentJob.RECENT));
    assertEquals(List.of("milk", "bag", "shoe"), lists.get(UserRecentJob.EXCLUDED), "newest first");
  }

  @Test
  void onlyTheConfiguredEventTypesAreExcluded() throws Exception {
    conf.set(UserRecentJob.EXCLUDE_EVENT_TYPES, "purchase");
    assertEquals(List.of("milk", "shoe"), run("history").get(UserRecentJob.EXCLUDED), "the viewed bag may be offered");
  }

  @Test
  void aPurchaseInARepeatCategoryMayBeOfferedAgain() throws Exception {
    conf.set(UserRecentJob.REPEAT_CATEGORIES, "groceries");
    assertEquals(List.of("bag", "shoe"), run("history").get(UserRecentJob.EXCLUDED));
  }
}
