package io.reco.jobs.interactions;

import static io.reco.jobs.common.SilverFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.records.avro.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactions job on LocalJobRunner over silver events of two days. */
class InteractionsJobTest {
  private static final long T = 1793491260000L;

  @TempDir
  Path dir;

  @Test
  void aggregatesSilverEventsPerUserAndItemWeightedByType() throws Exception {
    SilverFixtures.write(dir.resolve("silver/dt=2026-11-01/part-r-00000.avro"), List.of(
        event("e1", "u1", "p1", EventType.view, T), event("e2", "u1", "p1", EventType.add_to_cart, T + 60_000),
        event("e3", "u1", "p2", EventType.view, T + 120_000)));
    SilverFixtures.write(dir.resolve("silver/dt=2026-11-02/part-r-00000.avro"), List.of(
        event("e4", "u2", "p1", EventType.purchase, T + 86_400_000)));
    InteractionsJob.Result result = run();

    assertEquals(4, result.eventsRead());
    assertEquals(3, result.pairs());
    assertEquals(List.of("u1\tp1\t4\t1793491320000\t2", "u1\tp2\t1\t1793491380000\t1",
        "u2\tp1\t8\t1793577660000\t1"), lines(dir.resolve("out/pairs")));
    assertEquals(3, lines(dir.resolve("out/prefs")).size());
  }

  @Test
  void failsOverSilverWithoutEvents() throws Exception {
    SilverFixtures.write(dir.resolve("silver/dt=2026-11-01/part-r-00000.avro"), List.of());
    JobFailedException e = assertThrows(JobFailedException.class, this::run);
    assertTrue(e.getMessage().contains("holds no events"), e.getMessage());
  }

  private InteractionsJob.Result run() throws Exception {
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    return InteractionsJob.check(Jobs.run(InteractionsJob.createJob(conf,
        new org.apache.hadoop.fs.Path(dir.resolve("silver").toUri()), new org.apache.hadoop.fs.Path(
            dir.resolve("out").toUri()))));
  }

  static List<String> lines(Path dir) throws IOException {
    List<String> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part")).sorted().toList()) {
        all.addAll(Files.readAllLines(f));
      }
    }
    all.sort(null);
    return all;
  }
}
