package io.reco.jobs.sessions;

import static io.reco.jobs.common.SilverFixtures.event;
import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.jobs.common.EventWindow;
import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.records.avro.Customer;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Product;
import io.reco.records.avro.Session;
import io.reco.records.avro.UserState;
import io.reco.schema.avro.UserFeatures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sessions job on LocalJobRunner over silver events of two days, files and users shuffled, with masters. */
class SessionsJobTest {
  private static final long MIN = 60_000L;
  private static final long MIDNIGHT = 1793577600000L; // 2026-11-02T00:00:00Z
  private static final long DAY = 24 * 60 * MIN;

  @TempDir
  Path dir;

  @BeforeEach
  void silver() throws Exception {
    // u1: 23:50, 23:58 on the 1st, then 00:10 on the 2nd (12 minutes later), in two partitions and out of order
    SilverFixtures.write(dir.resolve("silver/clickstream/dt=2026-11-02/hour=00/part-r-00000.avro"), List.of(
        event("e3", "u1", "p2", EventType.add_to_cart, MIDNIGHT + 10 * MIN),
        event("e9", "u2", "p9", EventType.view, MIDNIGHT + 120 * MIN),
        event("e10", "u2", "p9", EventType.view, MIDNIGHT + DAY + 1))); // after the run's end
    SilverFixtures.write(dir.resolve("silver/clickstream/dt=2026-11-01/hour=23/part-r-00000.avro"), List.of(
        event("e2", "u1", "p1", EventType.view, MIDNIGHT - 2 * MIN),
        event("e1", "u1", "p1", EventType.view, MIDNIGHT - 10 * MIN)));
    SilverFixtures.writeRecords(dir.resolve("silver/catalog/catalog.avro"), List.of(
        Product.newBuilder().setProductId("p1").setName("a").setCategory("shoes").setPrice(1).setCreatedAt(0).build(),
        Product.newBuilder().setProductId("p2").setName("b").setCategory("bags").setPrice(2).setCreatedAt(0).build()));
    SilverFixtures.writeRecords(dir.resolve("silver/customers/customers.avro"), List.of(
        Customer.newBuilder().setCustomerId("u1").setSegment("vip").build(),
        Customer.newBuilder().setCustomerId("u7").setSegment("new").build()));
  }

  private SessionsJob.Result run(String out, Path previous, long asOf, String... inputs) throws Exception {
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp-" + out));
    conf.setInt("mapreduce.job.reduces", 2);
    List<org.apache.hadoop.fs.Path> events = inputs.length == 0 ? List.of(hadoop(dir.resolve("silver/clickstream")))
        : java.util.Arrays.stream(inputs).map(i -> hadoop(dir.resolve(i))).toList();
    return SessionsJob.run(conf, new FeatureInputs(events, hadoop(dir.resolve("silver")),
        previous == null ? null : hadoop(previous)), hadoop(dir.resolve(out)), Instant.ofEpochMilli(asOf));
  }

  private Map<String, UserFeatures> features(String out) throws Exception {
    return SilverFixtures.read(dir.resolve(out + "/users/features"), UserFeatures.class).stream()
        .collect(Collectors.toMap(UserFeatures::getUserId, f -> f, (a, b) -> a, TreeMap::new));
  }

  @Test
  void aSessionAcrossMidnightIsOneFiledUnderItsStart() throws Exception {
    SessionsJob.Result result = run("out", null, MIDNIGHT + DAY);
    assertEquals(new SessionsJob.Result(new EventWindow.Counts(5, 4, 0, 1), 2, 2), result);
    List<Session> sessions = SilverFixtures.read(dir.resolve("out/users/sessions/dt=2026-11-01"), Session.class);
    assertEquals(1, sessions.size());
    Session overnight = sessions.get(0);
    assertEquals("u1", overnight.getUserId());
    assertEquals(3, overnight.getEvents());
    assertEquals(20 * MIN, overnight.getDurationMs());
    assertEquals(List.of("p1", "p2"), overnight.getProducts());
    assertEquals(true, overnight.getCartAbandoned());
    assertEquals(UserActivity.id("u1", "e1"), overnight.getSessionId());
    assertEquals("u2", SilverFixtures.read(dir.resolve("out/users/sessions/dt=2026-11-02"), Session.class).get(0)
        .getUserId());
  }

  @Test
  void featuresJoinTheCatalogAndTheCustomersAndFileUnderTheLastDay() throws Exception {
    run("out", null, MIDNIGHT + DAY);
    Map<String, UserFeatures> features = features("out");
    assertEquals(List.of("u1", "u2"), List.copyOf(features.keySet()), "u7 has no events: no features");
    UserFeatures u1 = features.get("u1");
    assertEquals(3, u1.getInteractions());
    assertEquals(1, u1.getSessions(), "the overnight session is one");
    assertEquals(9 * MIN, u1.getAvgDwellMs(), 1e-9, "8 and 12 minutes, capped at 10");
    assertEquals("shoes", u1.getFavouriteCategory());
    assertEquals("vip", u1.getSegment());
    assertEquals(MIDNIGHT + DAY, u1.getAsOf());
    assertEquals(null, features.get("u2").getFavouriteCategory(), "p9 is not in the catalog");
    assertEquals(2, SilverFixtures.read(dir.resolve("out/users/features/dt=2026-11-02"), UserFeatures.class)
        .size());
  }

  @Test
  void theIdsAreStableAcrossRuns() throws Exception {
    run("out", null, MIDNIGHT + DAY);
    run("again", null, MIDNIGHT + DAY);
    assertEquals(SilverFixtures.read(dir.resolve("out/users/sessions"), Session.class).stream()
            .map(Session::getSessionId).sorted().toList(),
        SilverFixtures.read(dir.resolve("again/users/sessions"), Session.class).stream()
            .map(Session::getSessionId).sorted().toList());
  }

  @Test
  void eventsOutsideTheWindowAreKeptInUnmergedAndTheRecordNamesInputsAndOutputs() throws Exception {
    run("day1", null, MIDNIGHT, "silver/clickstream/dt=2026-11-01");
    // the second day's run is given both days: the first day's events are late
    SessionsJob.Result day2 = run("day2", dir.resolve("day1"), MIDNIGHT + DAY);
    assertEquals(new EventWindow.Counts(5, 2, 2, 1), day2.events());
    List<InteractionEvent> unmerged = SilverFixtures.read(dir.resolve("day2/users/unmerged"),
        InteractionEvent.class);
    assertEquals(List.of("e1", "e2", "e10"), unmerged.stream().map(InteractionEvent::getEventId).sorted(
        java.util.Comparator.comparing(String::length).thenComparing(s -> s)).toList());
    JsonNode record = FeatureInputs.readRecord(new Configuration(), hadoop(dir.resolve("day2/users")));
    assertEquals("2026-11-03T00:00:00Z", record.path("as_of").asText());
    assertTrue(record.path("previous").asText().endsWith("day1/users"));
    assertTrue(record.path("inputs").path("catalog").asText().endsWith("silver/catalog"));
    assertTrue(record.path("outputs").toString().contains("day2/users/sessions"));
    assertEquals(2, record.path("counts").path("late").asLong());
  }

  @Test
  void aSessionOpenAtTheEndOfADayIsContinuedByTheNextRun() throws Exception {
    run("day1", null, MIDNIGHT, "silver/clickstream/dt=2026-11-01");
    UserState open = SilverFixtures.read(dir.resolve("day1/users/state"), UserState.class).stream()
        .filter(s -> s.getUserId().equals("u1")).findFirst().orElseThrow();
    assertEquals("e1", open.getOpen().getFirstEventId(), "e2 was 2 minutes before midnight");
    assertEquals(List.of(), SilverFixtures.read(dir.resolve("day1/users/sessions"), Session.class));
    run("day2", dir.resolve("day1"), MIDNIGHT + DAY, "silver/clickstream/dt=2026-11-02");
    List<Session> closed = SilverFixtures.read(dir.resolve("day2/users/sessions/dt=2026-11-01"), Session.class);
    assertEquals(1, closed.size());
    assertEquals(3, closed.get(0).getEvents());
    assertEquals(UserActivity.id("u1", "e1"), closed.get(0).getSessionId());
  }
}
