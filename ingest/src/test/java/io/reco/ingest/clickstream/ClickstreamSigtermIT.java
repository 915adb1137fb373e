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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a consuming {@code ingest clickstream} process: it commits what it has and exits 0 within seconds, and
 * what it landed is landed once.
 */
class ClickstreamSigtermIT {
  private static final int EVENTS = 100_000;

  @TempDir
  java.nio.file.Path dir;

  @Test
  void sigtermCommitsTheOpenBatchAndExitsZeroWithinTenSeconds() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      kafka.createTopic("terms", 2);
      List<byte[]> values = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        values.add(ClickstreamFixture.event(i, 3).getBytes(StandardCharsets.UTF_8));
      }
      ClickstreamFixture.produce(kafka.bootstrapServers(), "terms", values);
      Path raw = new Path(dir.resolve("raw").toUri());
      File log = dir.resolve("consumer.log").toFile();
      // generic options after the command's own, as the README writes them
      Process process = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx256m",
          "-cp", System.getProperty("java.class.path"), RecoIngestMain.class.getName(),
          "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "terms", "--raw", raw.toString(),
          "--batch-records", "3000", "--batch-ms", "600000",
          "-D", "reco.ingest.kafka.group.instance.id=sigterm-test",
          "-D", "reco.ingest.kafka.max.poll.records=200")
          .redirectErrorStream(true).redirectOutput(log).start();
      FileSystem fs = FileSystem.getLocal(new Configuration());
      RawZone zone = new RawZone(raw);
      awaitFirstCommittedFile(fs, zone, process, log);

      long signalledAt = System.nanoTime();
      process.destroy();
      boolean ended = process.waitFor(10, TimeUnit.SECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalledAt);
      String printed = Files.readString(log.toPath());
      if (!ended) {
        process.destroyForcibly();
      }
      assertTrue(ended, "still running 10 s after SIGTERM; log: " + printed);
      assertEquals(0, process.exitValue(), "exit code after SIGTERM (" + millis + " ms); log: " + printed);
      assertTrue(printed.contains("ingest-clickstream: ") && printed.contains(" messages read, "), printed);

      Map<String, Integer> landed = landed(fs, zone);
      assertTrue(landed.size() > 0, "nothing landed before the signal");
      assertEquals(List.of(), landed.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
          .toList(), "events committed more than once");
      assertTrue(RawVerifier.verify(fs, raw).ok(), RawVerifier.verify(fs, raw).findings().toString());
    }
  }

  /** Waits, polling the raw zone, until the child has committed its first batch (or died). */
  private static void awaitFirstCommittedFile(FileSystem fs, RawZone zone, Process process, File log)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      FileStatus[] manifests = fs.globStatus(new Path(zone.clickstream(), "dt=*/hour=*/*.manifest"));
      if (manifests != null && manifests.length > 0) {
        return;
      }
      if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the consumer ended before committing anything: " + Files.readString(log.toPath()));
      }
    }
    process.destroyForcibly();
    throw new AssertionError("no committed file within 60 s: " + Files.readString(log.toPath()));
  }

  private static Map<String, Integer> landed(FileSystem fs, RawZone zone) throws Exception {
    Map<String, Integer> seen = new HashMap<>();
    for (String line : ClickstreamFixture.committedLines(fs, zone.clickstream())) {
      seen.merge(ClickstreamFixture.eventId(line), 1, Integer::sum);
    }
    return seen;
  }
}
