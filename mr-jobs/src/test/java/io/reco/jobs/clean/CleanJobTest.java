package io.reco.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.RawPartitions;
import io.reco.jobs.validate.ValidateJob;
import io.reco.records.EventRules;
import io.reco.records.RecordJson;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation then clean-up on LocalJobRunner: a shopper's double click, a fast bot and a quick-viewing bot. */
class CleanJobTest {
  private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private static String event(String id, String user, String product, String type, long time) {
    return "{\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"product_id\":\"" + product
        + "\",\"event_type\":\"" + type + "\",\"timestamp\":" + time + ",\"session_id\":\"s-" + user + "\"}";
  }

  private static InteractionEvent at(String id, String product, EventType type, long time) {
    return InteractionEvent.newBuilder().setEventId(id).setUserId("u").setProductId(product).setEventType(type)
        .setTimestamp(time).setSessionId("s").build();
  }

  @Test
  void timelineTellsShoppersFromBotsAndDoubleClicks() {
    UserTimeline timeline = new UserTimeline(5, 2, 1_000L);
    UserTimeline.Verdict shopper = timeline.judge(List.of(at("b", "p1", EventType.view, 500),
        at("a", "p1", EventType.view, 0), at("c", "p1", EventType.add_to_cart, 600),
        at("d", "p1", EventType.view, 5_000)));
    assertEquals(List.of("a", "c", "d"), shopper.clean().stream().map(InteractionEvent::getEventId).toList());
    assertEquals(List.of("b"), shopper.nearDuplicates().stream().map(InteractionEvent::getEventId).toList());
    assertNull(shopper.botReason());

    List<InteractionEvent> burst = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      burst.add(at("x" + i, "p" + i, EventType.click, i * 10_000L));
    }
    assertEquals("more than 5 events in a minute", timeline.judge(burst).botReason());
    List<InteractionEvent> quick = List.of(at("q1", "p1", EventType.view, 0), at("q2", "p2", EventType.view, 400),
        at("q3", "p3", EventType.view, 800), at("q4", "p4", EventType.view, 1_200));
    assertTrue(timeline.judge(quick).botReason().startsWith("3 views less than a second"));
  }

  @Test
  void theEarliestEventOfAnIdIsKeptWhateverTheOrderCopiesArriveIn() {
    UserTimeline timeline = new UserTimeline(100, 100, 0L);
    InteractionEvent late = at("e2", "p1", EventType.view, 60_000);
    InteractionEvent early = InteractionEvent.newBuilder(at("e2", "p1", EventType.view, 30_000))
        .setDeviceType("tv").build();
    InteractionEvent twinA = at("e3", "p1", EventType.click, 90_000);
    InteractionEvent twinB = InteractionEvent.newBuilder(twinA).setPrice(1.0).build();
    boolean aFirst = RecordJson.toJson(twinA).compareTo(RecordJson.toJson(twinB)) < 0;
    InteractionEvent twinKept = aFirst ? twinA : twinB;
    for (List<InteractionEvent> order : List.of(List.of(late, early, twinA, twinB),
        List.of(twinB, twinA, early, late))) {
      UserTimeline.Verdict verdict = timeline.judge(order);
      assertEquals(List.of(early, twinKept), verdict.clean(), "e2: the earliest; e3: same time, the smaller JSON");
      assertEquals(2, verdict.duplicates().size());
      assertTrue(verdict.duplicates().containsAll(List.of(late, aFirst ? twinB : twinA)));
    }
  }

  @Test
  void validatedEventsAreSplitIntoCleanNearDuplicatesAndBotsAndCountsReconcile() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    List<String> lines = new ArrayList<>();
    lines.add(event("s1", "shopper", "p1", "view", T0));
    lines.add(event("s1", "shopper", "p1", "view", T0));
    lines.add(event("s2", "shopper", "p1", "view", T0 + 300));
    lines.add(event("s3", "shopper", "p1", "purchase", T0 + 60_000));
    for (int i = 0; i < 150; i++) {
      lines.add(event("f" + i, "fast-bot", "p" + (i % 40), "click", T0 + i * 300L));
    }
    for (int i = 0; i < 25; i++) {
      lines.add(event("q" + i, "quick-bot", "p" + i, "view", T0 + i * 900L));
    }
    try (RawFileWriter writer = RawFileWriter.create(fs,
        new org.apache.hadoop.fs.Path(zone.clickstreamHour(T0), "events.jsonl"))) {
      for (String line : lines) {
        writer.write(line);
      }
      writer.commit("clickstream", Map.of(), CLOCK);
    }
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setLong(EventRules.NOW, CLOCK.millis());
    LocalDate day = LocalDate.of(2026, 11, 20);
    org.apache.hadoop.fs.Path validated = new org.apache.hadoop.fs.Path(dir.resolve("validated").toUri());
    ValidateJob.check(Jobs.run(ValidateJob.createJob(conf, RawPartitions.between(fs, zone.clickstream(), day, day),
        validated)));

    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(dir.resolve("clean").toUri());
    CleanJob.Result result = CleanJob.check(Jobs.run(CleanJob.createJob(conf,
        new org.apache.hadoop.fs.Path(validated, "silver"), output)));

    assertEquals(179, result.read());
    assertEquals(2, result.clean());
    assertEquals(1, result.duplicates(), "s1 twice");
    assertEquals(1, result.nearDuplicates());
    assertEquals(175, result.botEvents());
    assertEquals(2, result.botUsers());

    TreeSet<String> silver = new TreeSet<>();
    List<String> bots = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir.resolve("clean"))) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".avro") && !name.startsWith(".")) {
          try (DataFileReader<InteractionEvent> reader =
                   new DataFileReader<>(p.toFile(), new SpecificDatumReader<>(InteractionEvent.class))) {
            reader.forEach(e -> silver.add(e.getEventId()));
          }
        } else if (p.getParent().getFileName().toString().equals("bots") && name.startsWith("part")) {
          bots.addAll(Files.readAllLines(p));
        }
      }
    }
    assertEquals(new TreeSet<>(List.of("s1", "s3")), silver);
    assertEquals(175, bots.size());
    assertTrue(bots.stream().anyMatch(b -> b.contains("user fast-bot: more than 120 events in a minute")), bots.get(0));
    assertTrue(bots.stream().anyMatch(b -> b.contains("user quick-bot: 24 views less than a second")), bots.get(0));
  }
}
