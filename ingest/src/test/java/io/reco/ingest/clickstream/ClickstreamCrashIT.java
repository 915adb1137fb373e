package io.reco.ingest.clickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ingest.raw.RawVerifier;
import io.reco.kafka.EmbeddedKafka;
import io.reco.records.raw.RawZone;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the consumer (in its own JVM, with {@code Runtime.halt}) at every kind of checkpoint of a batch, inside the
 * journal's replacement too, restarts it each time with other batch settings (once with the same), once with its
 * journal deleted and no committed Kafka offset, once with its journal truncated, and proves that the committed
 * files end up holding every message of the topic exactly once.
 */
class ClickstreamCrashIT {
  private static final int EVENTS = 12000;
  private static final int MALFORMED = 20;

  @TempDir
  java.nio.file.Path dir;

  /** One run: where it is killed, its batch size and its consumer group. */
  private record Run(String haltAt, int batchRecords, String group) {
  }

  private int runConsumer(String bootstrap, Path raw, Run settings, int run) throws Exception {
    File log = dir.resolve("consumer-" + run + ".log").toFile();
    List<String> command = new ArrayList<>(List.of(
        System.getProperty("java.home") + "/bin/java", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"),
        "-Dhalt.at=" + settings.haltAt(),
        HaltingIngest.class.getName(),
        "-D", "reco.ingest.kafka.group.instance.id=crash-test",
        "-D", "reco.ingest.kafka.session.timeout.ms=6000",
        "-D", "reco.ingest.kafka.max.poll.records=100",
        "--bootstrap-servers", bootstrap, "--topic", "crashy", "--raw", raw.toString(),
        "--batch-records", String.valueOf(settings.batchRecords()), "--group", settings.group(),
        "--max-idle-ms", "2000"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("consumer run " + run + " did not end; see " + log);
    }
    return process.exitValue();
  }

  @Test
  void noLossAndNoDuplicatesAcrossCrashesAtEveryCheckpoint() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      kafka.createTopic("crashy", 2);
      List<byte[]> values = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        values.add(ClickstreamFixture.event(i, 6).getBytes(StandardCharsets.UTF_8));
        if (i % (EVENTS / MALFORMED) == 0) {
          values.add(("{\"broken\":" + i).getBytes(StandardCharsets.UTF_8));
        }
      }
      ClickstreamFixture.produce(kafka.bootstrapServers(), "crashy", values);
      Path raw = new Path(dir.resolve("raw").toUri());

      FileSystem fs = FileSystem.getLocal(new Configuration());
      Path journals = new Path(raw, "clickstream/_journal");
      String group = ClickstreamIngestTool.DEFAULT_GROUP;
      // mid-batch, inside each journal replacement (synced but not renamed, renamed but older not pruned), between
      // journal entries, between file commits, before and after the offset commit; each restart batches otherwise
      List<Run> crashes = List.of(new Run("record:700", 400, group), new Run("journal-staged:3", 250, group),
          new Run("journal-renamed:2", 333, group), new Run("journal:5", 400, group),
          new Run("file-committed:3", 400, group), new Run("journal-committed:2", 177, group),
          new Run("journal-renamed:6", 500, "fresh-group"), new Run("offsets-committed:1", 250, group),
          new Run("record:1900", 600, group));
      int run = 0;
      for (Run crash : crashes) {
        if (crash.group().equals("fresh-group")) {
          // the journal is gone and the group has no committed offset: only the manifests say where to resume
          fs.delete(journals, true);
        }
        if (crash.haltAt().equals("record:1900")) {
          truncateNewestJournal(fs, journals);
        }
        int exit = runConsumer(kafka.bootstrapServers(), raw, crash, ++run);
        assertEquals(HaltingIngest.HALTED, exit, "run " + run + " should have been killed at " + crash.haltAt()
            + ", log: " + Files.readString(dir.resolve("consumer-" + run + ".log")));
      }
      assertEquals(0, runConsumer(kafka.bootstrapServers(), raw, new Run("none:0", 300, group), ++run),
          Files.readString(dir.resolve("consumer-" + run + ".log")));
      // the run after the kill between journal and files found the half-committed batch and undid it (after the kill
      // among parallel file commits, the other files may all have been committed: then the batch stands)
      String afterJournal = Files.readString(dir.resolve("consumer-5.log"));
      assertTrue(afterJournal.contains("undid the batch from offset"), afterJournal);
      String afterTruncation = Files.readString(dir.resolve("consumer-9.log"));
      assertTrue(afterTruncation.contains("no readable journal (1 damaged)"), afterTruncation);

      RawZone zone = new RawZone(raw);
      Map<String, Integer> seen = new HashMap<>();
      for (String line : ClickstreamFixture.committedLines(fs, zone.clickstream())) {
        seen.merge(ClickstreamFixture.eventId(line), 1, Integer::sum);
      }
      Set<String> duplicated = new HashSet<>();
      seen.forEach((id, n) -> {
        if (n > 1) {
          duplicated.add(id);
        }
      });
      assertEquals(Set.of(), duplicated, "events committed more than once");
      assertEquals(EVENTS, seen.size(), "events lost");
      List<String> rejects = ClickstreamFixture.committedLines(fs, new Path(raw, "quarantine/clickstream"));
      assertEquals(MALFORMED, rejects.size());
      assertEquals(MALFORMED, rejects.stream().map(l -> l.replaceAll(".*\"source\":\"([^\"]+)\".*", "$1"))
          .distinct().count());

      RawVerifier.Report report = RawVerifier.verify(fs, raw);
      assertTrue(report.ok(), report.findings().toString());
      assertEquals(EVENTS + MALFORMED, report.records());
      assertEquals(0, report.inProgress());
    }
  }

  /** Cuts the newest journal version of every partition in half, as a torn write would. */
  private static void truncateNewestJournal(FileSystem fs, Path journals) throws Exception {
    int truncated = 0;
    for (var partition : fs.listStatus(journals)) {
      List<Path> versions = new ArrayList<>();
      for (var status : fs.listStatus(partition.getPath())) {
        if (status.getPath().getName().matches("\\d{20}\\.json")) {
          versions.add(status.getPath());
        }
      }
      versions.sort(null);
      if (!versions.isEmpty()) {
        java.nio.file.Path newest = java.nio.file.Path.of(versions.get(versions.size() - 1).toUri());
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        truncated++;
      }
    }
    assertTrue(truncated > 0, "no journal to truncate under " + journals);
  }
}
