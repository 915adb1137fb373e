package io.reco.jobs.popularity;

import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.ScoredListFiles;
import io.reco.jobs.common.SilverFixtures;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.records.avro.Product;
import io.reco.schema.PopularLists;
import io.reco.schema.avro.ScoredItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopularityJobTest {
  @TempDir
  Path dir;

  private static Product product(String id, String category) {
    return Product.newBuilder().setProductId(id).setName(id).setCategory(category).setPrice(10.0)
        .setCreatedAt(0L).build();
  }

  @Test
  void listsRankItemsByTheirSummedWeightOverallAndPerCategory() throws Exception {
    Path pairs = dir.resolve("interactions/pairs/part-r-00000");
    Files.createDirectories(pairs.getParent());
    Files.write(pairs, List.of(
        new UserItemPair("u1", "shoe1", 8, 1, 1).format(), new UserItemPair("u2", "shoe1", 1, 1, 1).format(),
        new UserItemPair("u1", "shoe2", 4, 1, 1).format(), new UserItemPair("u3", "bag1", 1, 1, 1).format(),
        new UserItemPair("u3", "bag2", 2, 1, 1).format(), new UserItemPair("u4", "loose", 1, 1, 1).format()));
    SilverFixtures.writeRecords(dir.resolve("silver/catalog/catalog.avro"), List.of(product("shoe1", "shoes"),
        product("shoe2", "shoes"), product("bag1", "bags"), product("bag2", "bags")));
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    Jobs.run(PopularityJob.createJob(conf, hadoop(dir.resolve("interactions")), hadoop(dir.resolve(
        "silver/catalog")), hadoop(dir.resolve("popular"))));

    Map<String, List<String>> lists = ScoredListFiles.read(conf, hadoop(dir.resolve("popular"))).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().map(ScoredItem::getId).toList()));
    assertEquals(Map.of(PopularLists.GLOBAL, List.of("shoe1", "shoe2", "bag2", "bag1", "loose"),
        PopularLists.category("shoes"), List.of("shoe1", "shoe2"),
        PopularLists.category("bags"), List.of("bag2", "bag1")), lists, "an item outside the catalog: global only");
    assertEquals(4.0 / 9, ScoredListFiles.read(conf, hadoop(dir.resolve("popular"))).get(PopularLists.GLOBAL).get(1)
        .getScore(), 1e-12, "scaled so that the most popular scores 1");
  }
}
