package io.reco.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.jobs.common.RawPartitions;
import io.reco.jobs.validate.ValidateJob;
import io.reco.records.EventRules;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.IOException;
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
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clean-up on LocalJobRunner, after validation: duplicates, double clicks, fast bots and quick-viewing bots. */
class CleanJobTest {
  private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private static String event(String id, String user, String product, String type, long time) {
    return "{\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"product_id\":\"" + product
        + "\",\"event_type\":\"" + type + "\",\"timestamp\":" + time + ",\"session_id\":\"s-" + user + "\"}";
  }

  private static InteractionEvent at(String id, String user, EventType type, long time) {
    return InteractionEvent.newBuilder().setEventId(id).setUserId(user).setProductId("p-" + id).setEventType(type)
        .setTimestamp(time).setSessionId("s").build();
  }

  /** Writes {@code events} as validated silver under {@code dir/validated}, as the validate job leaves them. */
  private org.apache.hadoop.fs.Path validated(List<InteractionEvent> events) throws Exception {
    SilverFixtures.write(dir.resolve("validated/dt=2026-11-20/part-m-00000.avro"), events);
    return new org.apache.hadoop.fs.Path(dir.resolve("validated").toUri());
  }

  private CleanJob.Result clean(org.apache.hadoop.fs.Path input) throws Exception {
    return CleanJob.run(LocalJobs.configure(new Configuration(), dir.resolve("tmp")), input, output());
  }

  private org.apache.hadoop.fs.Path output() {
    return new org.apache.hadoop.fs.Path(dir.resolve("clean").toUri());
  }

  /** The events of the clean run's silver output. */
  private List<InteractionEvent> silver() throws IOException {
    List<InteractionEvent> events = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir.resolve("clean/silver"))) {
      for (Path p : walk.filter(f -> f.getFileName().toString().endsWith(".avro")).sorted().toList()) {
        try (DataFileReader<InteractionEvent> reader =
                 new DataFileReader<>(p.toFile(), new SpecificDatumReader<>(InteractionEvent.class))) {
          reader.forEach(events::add);
        }
      }
    }
    // by event id: the reducers' files hold them in no order of the input's
    events.sort(java.util.Comparator.comparing(InteractionEvent::getEventId));
    return events;
  }

  /** The lines of a text output of the clean run. */
  private List<String> lines(String output) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("clean").resolve(output))) {
      for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part")).sorted().toList()) {
        lines.addAll(Files.readAllLines(p));
      }
    }
    return lines;
  }

  @Test
  void aBotFoundOnlyByItsLastEventsHasEveryEventInBotsAndNoneInSilver() throws Exception {
    List<InteractionEvent> events = new ArrayList<>();
    events.add(at("shopper-1", "shopper", EventType.view, T0));
    for (int hour = 0; hour < 21; hour++) {
      events.add(at("v" + hour + "a", "slow-bot", EventType.view, T0 + hour * 3_600_000L));
      events.add(at("v" + hour + "b", "slow-bot", EventType.view, T0 + hour * 3_600_000L + 500));
    }
    CleanJob.Result result = clean(validated(events));
    assertEquals(new CleanJob.Result(43, 1, 0, 0, 0, 42, 1), result, "21 quick views: a bot by its last one");
    assertEquals(List.of("shopper-1"), silver().stream().map(InteractionEvent::getEventId).toList());
    List<String> bots = lines("bots");
    assertEquals(42, bots.size());
    assertTrue(bots.get(0).contains("user slow-bot: 21 views less than a second after the previous one"),
        bots.get(0));
  }

  @Test
  void theEarliestCopyOfAnIdIsKeptThoughTheCopiesAreDaysApart() throws Exception {
    InteractionEvent first = InteractionEvent.newBuilder(at("e1", "u1", EventType.purchase, T0)).setRating(4.5f)
        .setPrice(19.99).setQuantity(2).setOrderId("o1").setDeviceType("mobile").setMetadata(Map.of("k", "v"))
        .build();
    InteractionEvent replayed = InteractionEvent.newBuilder(first).setTimestamp(T0 + 2 * 86_400_000L).build();
    InteractionEvent other = at("e2", "u2", EventType.view, T0 + 5);
    CleanJob.Result result = clean(validated(List.of(replayed, other, first)));
    assertEquals(new CleanJob.Result(3, 2, 1, 0, 0, 0, 0), result);
    assertEquals(List.of(first, other), silver(), "silver holds the events as they were read");
    List<String> duplicates = lines("duplicates");
    assertEquals(1, duplicates.size());
    assertTrue(duplicates.get(0).contains("\"reason\":\"DUPLICATE_ID\"") && duplicates.get(0).contains(
        String.valueOf(T0 + 2 * 86_400_000L)), duplicates.get(0));
  }

  @Test
  void anIdCarriedByTwoUsersIsAConflictAndNoCopyReachesSilver() throws Exception {
    InteractionEvent mine = at("e1", "u1", EventType.view, T0);
    InteractionEvent again = InteractionEvent.newBuilder(mine).setTimestamp(T0 + 1000).build();
    InteractionEvent theirs = at("e1", "u2", EventType.purchase, T0 + 5);
    CleanJob.Result result = clean(validated(List.of(theirs, again, mine, at("e2", "u3", EventType.view, T0))));
    assertEquals(new CleanJob.Result(4, 1, 1, 2, 0, 0, 0), result,
        "u1's second copy is its duplicate; u1's event and u2's conflict");
    assertEquals(List.of("e2"), silver().stream().map(InteractionEvent::getEventId).toList());
    List<String> conflicts = lines("conflicts");
    assertEquals(2, conflicts.size());
    assertTrue(conflicts.get(0).contains("\"reason\":\"CONFLICTING_ID\"")
        && conflicts.get(0).contains("users 'u1' and 'u2'"), conflicts.get(0));
  }

  @Test
  void anExistingOutputIsRefusedBeforeAnyPassAndNoWorkIsLeftBehind() throws Exception {
    org.apache.hadoop.fs.Path input = validated(List.of(at("e1", "u1", EventType.view, T0)));
    clean(input);
    assertTrue(Files.isRegularFile(dir.resolve("clean/_SUCCESS")));
    assertFalse(Files.exists(dir.resolve("clean-work")), "the work directory is removed");
    FileAlreadyExistsException refused = assertThrows(FileAlreadyExistsException.class, () -> clean(input));
    assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
  }

  @Test
  void noEventsGiveAnEmptyOutput() throws Exception {
    assertEquals(new CleanJob.Result(0, 0, 0, 0, 0, 0, 0), clean(validated(List.of())));
    assertTrue(Files.isRegularFile(dir.resolve("clean/_SUCCESS")));
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

    CleanJob.Result result = CleanJob.run(conf, new org.apache.hadoop.fs.Path(validated, "silver"), output());

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
