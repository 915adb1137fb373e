package io.reco.jobs.together;

import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.ScoredListFiles;
import io.reco.jobs.common.SilverFixtures;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.schema.avro.ScoredItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shop of 18 baskets: phones bought with cases (4 orders) and chargers (2 orders and a session without an order
 * id), a case and a charger bought on one day without an order or a session, a cable bought once with a phone,
 * and ten orders of a single book.
 */
class BoughtTogetherJobTest {
  private static final long DAY = 86_400_000L;
  private static final long BASKETS = 18;

  @TempDir
  static Path dir;
  private static Configuration conf;
  private static BoughtTogetherJob.Result result;
  private static Map<String, List<ScoredItem>> lists;
  private static int event;

  private static InteractionEvent bought(String user, String product, String order, String session, long time) {
    return InteractionEvent.newBuilder().setEventId("e" + event++).setUserId(user).setProductId(product)
        .setEventType(EventType.purchase).setTimestamp(time).setSessionId(session).setOrderId(order).build();
  }

  private static List<InteractionEvent> order(String order, String user, String... products) {
    List<InteractionEvent> events = new ArrayList<>();
    for (String p : products) {
      events.add(bought(user, p, order, "s-" + order, DAY));
    }
    return events;
  }

  @BeforeAll
  static void aShopOfPhonesAndAccessories() throws Exception {
    List<InteractionEvent> events = new ArrayList<>();
    events.addAll(order("o1", "u1", "phone", "case", "charger"));
    events.addAll(order("o2", "u2", "phone", "case"));
    events.addAll(order("o3", "u3", "phone", "case"));
    events.addAll(order("o4", "u4", "phone", "case"));
    events.addAll(order("o5", "u5", "phone", "charger", "cable"));
    events.addAll(order("o6", "u2", "cable"));
    // a session without an order id, and a day without either: the same user's purchases still make one basket
    events.add(bought("u6", "phone", null, "s-u6", DAY));
    events.add(bought("u6", "charger", null, "s-u6", DAY + 60_000));
    events.add(bought("u7", "case", null, "", 3 * DAY + 1000));
    events.add(bought("u7", "charger", null, "", 3 * DAY + 7_200_000));
    for (int i = 0; i < 10; i++) {
      events.addAll(order("b" + i, "reader" + i, "book"));
    }
    // viewed together in o1's session, never bought together: no pair
    events.add(SilverFixtures.event("v1", "u1", "cable", EventType.view, DAY));
    SilverFixtures.write(dir.resolve("silver/clickstream/dt=1970-01-02/part-0.avro"), events);
    conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    result = BoughtTogetherJob.run(conf, hadoop(dir.resolve("silver/clickstream")), hadoop(dir.resolve("together")));
    lists = ScoredListFiles.read(conf, hadoop(dir.resolve("together")));
  }

  private static List<String> ids(String item) {
    return lists.getOrDefault(item, List.of()).stream().map(ScoredItem::getId).toList();
  }

  @Test
  void aPhonesNeighboursAreItsCaseThenItsChargerScoredByTheirSupport() {
    assertEquals(List.of("case", "charger"), ids("phone"));
    // phone in 6 baskets, case in 5, charger in 4; together 4 and 3 times
    assertEquals(BoughtTogether.score(4, 6, 5, BASKETS), lists.get("phone").get(0).getScore(), 1e-12);
    assertEquals(BoughtTogether.score(3, 6, 4, BASKETS), lists.get("phone").get(1).getScore(), 1e-12);
  }

  @Test
  void aPairBoughtTogetherOnceOnlyIsBelowTheSupport() {
    assertFalse(ids("phone").contains("cable"));
    assertFalse(lists.containsKey("cable"), "the cable's one pair lacks the support, and views are no purchases");
  }

  @Test
  void purchasesWithoutAnOrderIdGroupBySessionElseByDay() {
    assertEquals(List.of("phone", "charger"), ids("case"), "o1 and u7's day: support 2");
    assertEquals(BoughtTogether.score(2, 5, 4, BASKETS), lists.get("case").get(1).getScore(), 1e-12);
  }

  @Test
  void everyPurchaseIsInOneBasketAndOtherEventsAreCounted() {
    assertEquals(new BoughtTogetherJob.Result(28, 27, BASKETS, 0, 3), result);
    assertFalse(lists.containsKey("book"), "a single item is no pair");
  }

  @Test
  void aBasketAboveTheLimitIsSampledTheSameWayOnEveryRun() throws Exception {
    Configuration small = new Configuration(conf);
    small.setInt(BoughtTogetherJob.MAX_BASKET, 2);
    BoughtTogetherJob.Result first = BoughtTogetherJob.run(small, hadoop(dir.resolve("silver/clickstream")),
        hadoop(dir.resolve("sampled-1")));
    BoughtTogetherJob.run(small, hadoop(dir.resolve("silver/clickstream")), hadoop(dir.resolve("sampled-2")));
    assertEquals(2, first.basketsSampled(), "o1 and o5 have three items");
    assertEquals(ScoredListFiles.read(conf, hadoop(dir.resolve("sampled-1"))),
        ScoredListFiles.read(conf, hadoop(dir.resolve("sampled-2"))));
  }
}
