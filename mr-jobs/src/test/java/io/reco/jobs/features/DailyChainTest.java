package io.reco.jobs.features;

import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.jobs.common.WeekOfEvents;
import io.reco.jobs.sessions.SessionsJob;
import io.reco.records.avro.ItemState;
import io.reco.records.avro.Session;
import io.reco.records.avro.UserState;
import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.UserFeatures;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  @TempDir
  static Path dir;
  private static Configuration conf;

  private static long midnight(LocalDate date) {
    return WeekOfEvents.midnight(date);
  }

  @BeforeAll
  static void aWeekThroughDailyRunsAndOneFullRun() throws Exception {
    WeekOfEvents.write(dir, FIRST, DAYS);
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
