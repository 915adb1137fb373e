package io.reco.jobs.features;

import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.jobs.sessions.SessionsJob;
import io.reco.records.avro.Customer;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.ItemState;
import io.reco.records.avro.Product;
import io.reco.records.avro.Session;
import io.reco.records.avro.UserState;
import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.UserFeatures;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A week of events through seven daily runs, each merging its day into the previous day's state, and through one
 * full run over the whole week: both give the same user and item features and states, field by field, and the
 * same sessions. Re-running a day gives what its first run gave.
 */
class DailyChainTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-11-01");
  private static final int DAYS = 7;
  private static final long MIN = 60_000L;

  @TempDir
  static Path dir;
  private static Configuration conf;

  private static long midnight(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  @BeforeAll
  static void aWeekThroughDailyRunsAndOneFullRun() throws Exception {
    writeWeek(new Random(42));
    conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setInt("mapreduce.job.reduces", 2);
    for (int d = 0; d < DAYS; d++) {
      runDay(d, "day" + d);
    }
    run(List.of(hadoop(dir.resolve("silver/clickstream"))), null, "full", FIRST.plusDays(DAYS));
    runDay(3, "day3-again");
  }

  private static void runDay(int d, String out) throws Exception {
    LocalDate date = FIRST.plusDays(d);
    run(List.of(hadoop(dir.resolve("silver/clickstream/dt=" + date))), d == 0 ? null : dir.resolve("day" + (d - 1)),
        out, date.plusDays(1));
  }

  private static void run(List<org.apache.hadoop.fs.Path> events, Path previous, String out, LocalDate end)
      throws Exception {
    FeatureInputs in = new FeatureInputs(events, hadoop(dir.resolve("silver")),
        previous == null ? null : hadoop(previous));
    Instant asOf = Instant.ofEpochMilli(midnight(end));
    SessionsJob.run(conf, in, hadoop(dir.resolve(out)), asOf);
    ItemFeaturesJob.run(conf, in, hadoop(dir.resolve(out)), asOf);
  }

  /** Sessions of 60 users over 40 products, some across midnight, priced purchases, ratings, devices. */
  private static void writeWeek(Random random) throws Exception {
    String[] types = {"view", "view", "view", "click", "add_to_cart", "remove_from_cart", "purchase"};
    String[] devices = {"mobile", "desktop", "tablet", null};
    Map<LocalDate, List<InteractionEvent>> byDay = new TreeMap<>();
    int id = 0;
    for (int u = 0; u < 60; u++) {
      for (int d = 0; d < DAYS; d++) {
        if (random.nextInt(3) == 0) {
          continue;
        }
        // a quarter of the sessions start in the day's last half hour and may run past midnight
        long time = midnight(FIRST.plusDays(d)) + (random.nextInt(4) == 0 ? (23 * 60 + 30 + random.nextInt(30)) * MIN
            : random.nextInt(22 * 60) * MIN);
        int events = 1 + random.nextInt(8);
        for (int e = 0; e < events; e++) {
          String product = "p" + random.nextInt(40);
          InteractionEvent event = InteractionEvent.newBuilder().setEventId("e" + id++).setUserId("u" + u)
              .setProductId(product).setEventType(EventType.valueOf(types[random.nextInt(types.length)]))
              .setTimestamp(time).setSessionId("s").setDeviceType(devices[random.nextInt(devices.length)])
              .setReferrer(random.nextBoolean() ? "search" : "email").build();
          if (random.nextBoolean()) {
            event.setPrice(5 + random.nextInt(9000) / 100.0);
            event.setQuantity(random.nextBoolean() ? null : 1 + random.nextInt(3));
          }
          if (random.nextInt(5) == 0) {
            event.setRating(1f + random.nextInt(5));
          }
          LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(time, 86_400_000L));
          if (date.isBefore(FIRST.plusDays(DAYS))) {
            byDay.computeIfAbsent(date, k -> new ArrayList<>()).add(event);
          }
          time += (random.nextInt(10) == 0 ? 31 + random.nextInt(60) : 1 + random.nextInt(20)) * MIN;
        }
      }
    }
    for (Map.Entry<LocalDate, List<InteractionEvent>> day : byDay.entrySet()) {
      List<InteractionEvent> events = new ArrayList<>(day.getValue());
      java.util.Collections.shuffle(events, random);
      SilverFixtures.write(dir.resolve("silver/clickstream/dt=" + day.getKey() + "/part-r-00000.avro"), events);
    }
    List<Product> catalog = new ArrayList<>();
    for (int p = 0; p < 30; p++) { // p30-p39 are not in the catalog
      catalog.add(Product.newBuilder().setProductId("p" + p).setName("product " + p).setCategory("c" + p % 4)
          .setPrice(10 + p * 3 % 17).setCreatedAt(midnight(FIRST) - p * 86_400_000L).build());
    }
    catalog.add(Product.newBuilder().setProductId("p99").setName("never seen").setCategory("c1").setPrice(12)
        .setCreatedAt(midnight(FIRST)).build());
    SilverFixtures.writeRecords(dir.resolve("silver/catalog/catalog.avro"), catalog);
    List<Customer> customers = new ArrayList<>();
    for (int u = 0; u < 60; u += 3) {
      customers.add(Customer.newBuilder().setCustomerId("u" + u).setAgeGroup("25-34").setSegment("s" + u % 2)
          .setJoinDate(midnight(FIRST) - u * 86_400_000L).build());
    }
    SilverFixtures.writeRecords(dir.resolve("silver/customers/customers.avro"), customers);
  }

  private static <T extends SpecificRecord> Map<String, T> read(String path, Class<T> type, Function<T, String> key)
      throws Exception {
    Map<String, T> out = new TreeMap<>();
    for (T record : SilverFixtures.read(dir.resolve(path), type)) {
      out.put(key.apply(record), record);
    }
    return out;
  }

  /** Every entity's fields that differ between the two sets, as "entity.field: a != b". */
  private static <T extends SpecificRecord> List<String> differences(Map<String, T> expected, Map<String, T> actual) {
    List<String> out = new ArrayList<>();
    if (!expected.keySet().equals(actual.keySet())) {
      out.add("entities: " + expected.keySet() + " != " + actual.keySet());
      return out;
    }
    for (String entity : expected.keySet()) {
      T a = expected.get(entity);
      T b = actual.get(entity);
      for (Schema.Field f : a.getSchema().getFields()) {
        if (!java.util.Objects.equals(a.get(f.pos()), b.get(f.pos()))) {
          out.add(entity + "." + f.name() + ": " + a.get(f.pos()) + " != " + b.get(f.pos()));
        }
      }
    }
    return out;
  }

  @Test
  void userFeaturesOfTheChainAreThoseOfTheFullRunFeatureByFeature() throws Exception {
    Map<String, UserFeatures> full = read("full/users/features", UserFeatures.class, UserFeatures::getUserId);
    assertTrue(full.size() > 50, "a week of most of 60 users: " + full.size());
    assertEquals(List.of(), differences(full, read("day6/users/features", UserFeatures.class,
        UserFeatures::getUserId)));
  }

  @Test
  void itemFeaturesOfTheChainAreThoseOfTheFullRunFeatureByFeature() throws Exception {
    Map<String, ItemFeatures> full = read("full/items/features", ItemFeatures.class, ItemFeatures::getItemId);
    assertEquals(41, full.size(), "40 products seen and p99 of the catalog");
    assertEquals(List.of(), differences(full, read("day6/items/features", ItemFeatures.class,
        ItemFeatures::getItemId)));
  }

  @Test
  void statesOfTheChainAreThoseOfTheFullRun() throws Exception {
    assertEquals(List.of(), differences(read("full/users/state", UserState.class, UserState::getUserId),
        read("day6/users/state", UserState.class, UserState::getUserId)));
    assertEquals(List.of(), differences(sketchesAsEstimates(read("full/items/state", ItemState.class,
        ItemState::getItemId)), sketchesAsEstimates(read("day6/items/state", ItemState.class, ItemState::getItemId))));
  }

  /**
   * The states with each user sketch replaced by its estimate: sketches of the same users may list them in another
   * order, and so differ in their bytes.
   */
  private static Map<String, ItemState> sketchesAsEstimates(Map<String, ItemState> states) {
    states.values().forEach(s -> {
      byte[] bytes = new byte[s.getUsersSketch().remaining()];
      s.getUsersSketch().duplicate().get(bytes);
      long estimate = Math.round(org.apache.datasketches.hll.HllSketch.heapify(bytes).getCompositeEstimate());
      s.setUsersSketch(java.nio.ByteBuffer.wrap(Long.toString(estimate).getBytes(
          java.nio.charset.StandardCharsets.US_ASCII)));
    });
    return states;
  }

  @Test
  void theDailyRunsCloseEverySessionOfTheFullRunOnceAndCrossingMidnightOnesStayWhole() throws Exception {
    Map<String, Session> full = read("full/users/sessions", Session.class, Session::getSessionId);
    Map<String, Session> chained = new TreeMap<>();
    for (int d = 0; d < DAYS; d++) {
      for (Session s : SilverFixtures.read(dir.resolve("day" + d + "/users/sessions"), Session.class)) {
        assertEquals(null, chained.put(s.getSessionId(), s), "closed by one daily run only: " + s.getSessionId());
      }
    }
    assertEquals(List.of(), differences(full, chained));
    long acrossMidnight = full.values().stream().filter(s -> Math.floorDiv(s.getStart(), 86_400_000L)
        != Math.floorDiv(s.getEnd(), 86_400_000L)).count();
    assertTrue(acrossMidnight >= 5, "the week has sessions across midnight: " + acrossMidnight);
  }

  @Test
  void reRunningADayChangesNothing() throws Exception {
    assertEquals(List.of(), differences(read("day3/users/features", UserFeatures.class, UserFeatures::getUserId),
        read("day3-again/users/features", UserFeatures.class, UserFeatures::getUserId)));
    assertEquals(List.of(), differences(read("day3/items/state", ItemState.class, ItemState::getItemId),
        read("day3-again/items/state", ItemState.class, ItemState::getItemId)));
    assertEquals(List.of(), differences(read("day3/users/sessions", Session.class, Session::getSessionId),
        read("day3-again/users/sessions", Session.class, Session::getSessionId)));
  }
}
