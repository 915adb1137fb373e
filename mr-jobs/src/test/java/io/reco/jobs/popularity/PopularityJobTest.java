package io.reco.jobs.popularity;

import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.ScoredListFiles;
import io.reco.jobs.common.SilverFixtures;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Product;
import io.reco.schema.PopularLists;
import io.reco.schema.avro.ScoredItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
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

  private static final long DAY = 86_400_000L;
  private static final Instant AS_OF = Instant.ofEpochMilli(10 * DAY);

  /**
   * As of day 10: "steady" viewed 10 times a day for days 1 to 8 and 12 times on day 9, "rising" 6 times on day 9
   * only, "bagrise" viewed twice in the baseline and bought 4 times on day 9, "dead" viewed once on day 9.
   */
  private Job trending() throws Exception {
    List<InteractionEvent> events = new ArrayList<>();
    for (int day = 1; day <= 9; day++) {
      for (int i = 0; i < (day == 9 ? 12 : 10); i++) {
        events.add(SilverFixtures.event("s" + day + "-" + i, "u" + i, "steady", EventType.view, day * DAY + i));
      }
    }
    for (int i = 0; i < 6; i++) {
      events.add(SilverFixtures.event("r" + i, "v" + i, "rising", EventType.view, 9 * DAY + i));
    }
    events.add(SilverFixtures.event("b1", "w1", "bagrise", EventType.view, 5 * DAY));
    events.add(SilverFixtures.event("b2", "w2", "bagrise", EventType.view, 6 * DAY));
    for (int i = 0; i < 4; i++) {
      events.add(SilverFixtures.event("p" + i, "w" + i, "bagrise", EventType.purchase, 9 * DAY + i));
    }
    events.add(SilverFixtures.event("d1", "x1", "dead", EventType.view, 9 * DAY));
    events.add(SilverFixtures.event("late", "x1", "rising", EventType.view, 10 * DAY));
    SilverFixtures.write(dir.resolve("silver/clickstream/dt=1970-01-10/part-0.avro"), events);
    Path pairs = dir.resolve("interactions/pairs/part-r-00000");
    Files.createDirectories(pairs.getParent());
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add(new UserItemPair("u" + i, "steady", 1, 9 * DAY, 9).format());
    }
    lines.add(new UserItemPair("v1", "rising", 1, 9 * DAY, 1).format());
    lines.add(new UserItemPair("w1", "bagrise", 8, 9 * DAY, 2).format());
    SilverFixtures.writeRecords(dir.resolve("silver/catalog/catalog.avro"), List.of(product("steady", "shoes"),
        product("rising", "shoes"), product("bagrise", "bags"), product("dead", "bags")));
    Files.write(pairs, lines);
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    return Jobs.run(PopularityJob.createJob(conf, hadoop(dir.resolve("interactions")),
        hadoop(dir.resolve("silver/catalog")), hadoop(dir.resolve("silver/clickstream")), AS_OF,
        hadoop(dir.resolve("popular"))));
  }

  private Map<String, List<String>> lists() throws Exception {
    return ScoredListFiles.read(new Configuration(), hadoop(dir.resolve("popular"))).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().map(ScoredItem::getId).toList()));
  }

  @Test
  void aRisingItemTrendsAboveASteadilyPopularOneThatLeadsThePopularList() throws Exception {
    trending();
    Map<String, List<String>> lists = lists();
    assertEquals(List.of("steady", "bagrise", "rising"), lists.get(PopularLists.GLOBAL));
    assertEquals(List.of("bagrise", "rising", "steady"), lists.get(PopularLists.TRENDING));
    assertEquals(List.of("rising", "steady"), lists.get(PopularLists.trendingCategory("shoes")));
    assertEquals(List.of("bagrise"), lists.get(PopularLists.trendingCategory("bags")));
  }

  @Test
  void aTrendingScoreIsTheSmoothedRatioOfTheWindowToTheBaselineRate() throws Exception {
    trending();
    List<ScoredItem> list = ScoredListFiles.read(new Configuration(), hadoop(dir.resolve("popular")))
        .get(PopularLists.TRENDING);
    assertEquals((12 + 5) / (70 / 7.0 + 5), list.get(2).getScore(), 1e-12, "steady: 12 against 10 a day");
    assertEquals((4 * 8 + 5) / (2 / 7.0 + 5), list.get(0).getScore(), 1e-12, "bagrise: purchases weigh 8");
  }

  @Test
  void oneViewOfADeadItemIsBelowTheMinimumAndEveryEventIsCountedOnce() throws Exception {
    Job job = trending();
    Counters counters = job.getCounters();
    assertEquals(List.of(), lists().values().stream().filter(l -> l.contains("dead")).toList());
    assertEquals(1, counters.findCounter(PopularityCounters.ITEMS_BELOW_MIN_RECENT).getValue());
    assertEquals(List.of(106L, 23L, 72L, 10L, 1L), List.of(PopularityCounters.EVENTS_READ,
        PopularityCounters.RECENT_EVENTS, PopularityCounters.BASELINE_EVENTS, PopularityCounters.OLDER_EVENTS,
        PopularityCounters.LATER_EVENTS).stream().map(c -> counters.findCounter(c).getValue()).toList());
    assertEquals(new PopularityJob.Result(3, 3), PopularityJob.Result.of(job));
  }
}
