package io.reco.jobs.sessions;

import static io.reco.jobs.common.SilverFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.records.avro.EventType;
import io.reco.records.avro.Session;
import io.reco.schema.FeatureCells;
import io.reco.schema.avro.UserFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sessions job on LocalJobRunner over silver events of two days, files and users shuffled. */
class SessionsJobTest {
  private static final long MIN = 60_000L;
  private static final long MIDNIGHT = 1793577600000L; // 2026-11-02T00:00:00Z
  private static final long DAY = 24 * 60 * MIN;

  @TempDir
  Path dir;

  @Test
  void aSessionAcrossMidnightIsOneFiledUnderItsStartAndIdsAreStableAcrossRuns() throws Exception {
    // u1: 23:50, 23:58 on the 1st, then 00:10 on the 2nd (12 minutes later), in two partitions and out of order
    SilverFixtures.write(dir.resolve("silver/dt=2026-11-02/hour=00/part-r-00000.avro"), List.of(
        event("e3", "u1", "p2", EventType.add_to_cart, MIDNIGHT + 10 * MIN),
        event("e9", "u2", "p9", EventType.view, MIDNIGHT + 120 * MIN)));
    SilverFixtures.write(dir.resolve("silver/dt=2026-11-01/hour=23/part-r-00000.avro"), List.of(
        event("e2", "u1", "p1", EventType.view, MIDNIGHT - 2 * MIN),
        event("e1", "u1", "p1", EventType.view, MIDNIGHT - 10 * MIN)));
    SessionsJob.Result result = run("out");
    assertEquals(new SessionsJob.Result(4, 2, 2), result);

    Map<String, List<Session>> byDate = read(dir.resolve("out/sessions"));
    assertEquals(List.of("dt=2026-11-01", "dt=2026-11-02"), List.copyOf(byDate.keySet()));
    Session overnight = byDate.get("dt=2026-11-01").get(0);
    assertEquals("u1", overnight.getUserId());
    assertEquals(3, overnight.getEvents());
    assertEquals(20 * MIN, overnight.getDurationMs());
    assertEquals(List.of("p1", "p2"), overnight.getProducts());
    assertEquals(true, overnight.getCartAbandoned());
    assertEquals(SessionBuilder.id("u1", "e1"), overnight.getSessionId());
    assertEquals("u2", byDate.get("dt=2026-11-02").get(0).getUserId());

    run("again");
    assertEquals(ids(byDate), ids(read(dir.resolve("again/sessions"))), "the same ids in a second run");

    Map<String, UserFeatures> features = features(dir.resolve("out/user_features"));
    assertEquals(List.of("u1", "u2"), List.copyOf(features.keySet()));
    UserFeatures u1 = features.get("u1");
    assertEquals(3, u1.getInteractions());
    assertEquals(1, u1.getSessions(), "the overnight session is one");
    assertEquals(10 * MIN, u1.getAvgDwellMs(), 1e-9, "8 and 12 minutes");
    assertEquals(MIDNIGHT + DAY, u1.getAsOf());
  }

  /** The feature cells the load job reads: user id to cell, in SequenceFiles. */
  private static Map<String, UserFeatures> features(Path dir) throws IOException {
    Map<String, UserFeatures> out = new TreeMap<>();
    Configuration conf = new Configuration();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part")).toList()) {
        try (SequenceFile.Reader reader = new SequenceFile.Reader(conf,
            SequenceFile.Reader.file(new org.apache.hadoop.fs.Path(f.toUri())))) {
          Text user = new Text();
          BytesWritable cell = new BytesWritable();
          while (reader.next(user, cell)) {
            out.put(user.toString(), FeatureCells.decodeUser(cell.copyBytes()));
          }
        }
      }
    }
    return out;
  }

  private SessionsJob.Result run(String out) throws Exception {
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp-" + out));
    conf.setInt("mapreduce.job.reduces", 2);
    return SessionsJob.check(Jobs.run(SessionsJob.createJob(conf,
        new org.apache.hadoop.fs.Path(dir.resolve("silver").toUri()),
        new org.apache.hadoop.fs.Path(dir.resolve(out).toUri()), Instant.ofEpochMilli(MIDNIGHT + DAY))));
  }

  private static List<String> ids(Map<String, List<Session>> byDate) {
    List<String> ids = new ArrayList<>();
    byDate.values().forEach(list -> list.forEach(s -> ids.add(s.getSessionId())));
    ids.sort(null);
    return ids;
  }

  /** The sessions under each {@code dt=} directory. */
  static Map<String, List<Session>> read(Path sessions) throws IOException {
    Map<String, List<Session>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sessions)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".avro")).sorted().toList()) {
        try (DataFileReader<Session> reader = new DataFileReader<>(f.toFile(),
            new SpecificDatumReader<>(Session.class))) {
          reader.forEach(s -> out.computeIfAbsent(f.getParent().getFileName().toString(),
              k -> new ArrayList<>()).add(s));
        }
      }
    }
    return out;
  }
}
