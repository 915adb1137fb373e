package io.reco.jobs.interactions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.RawPartitions;
import io.reco.records.RejectReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactions job on LocalJobRunner over fixtures with good and broken lines side by side. */
class InteractionsJobTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 1);

  @TempDir
  Path dir;

  @Test
  void aggregatesGoodLinesQuarantinesTheRestAndCountsReconcile() throws Exception {
    Configuration conf = LocalJobs.configure(new Configuration(), dir);
    conf.setFloat(InteractionsJob.MAX_QUARANTINE_RATE, 0.5f);
    Job job = Jobs.run(InteractionsJob.createJob(conf, inputs(conf, DAY), outPath()));
    InteractionsJob.Result result = InteractionsJob.check(job);

    assertEquals(11, result.linesRead(), "9 lines in hour 00 with a blank one, 3 in hour 01; manifests and the uncommitted file skipped");
    assertEquals(6, result.eventsUsed());
    assertEquals(5, result.quarantined());
    assertEquals(result.linesRead(), result.eventsUsed() + result.quarantined());
    assertEquals(Map.of(RejectReason.MALFORMED_JSON, 2L, RejectReason.MISSING_FIELD, 1L,
        RejectReason.UNKNOWN_EVENT_TYPE, 1L, RejectReason.WRONG_TYPE, 1L), result.reasons());

    assertEquals(List.of("2\tp1\t8\t1793491380000\t1", "u1\tp1\t4\t1793491260000\t2", "u1\tp2\t2\t1793494800000\t2",
        "u3\tp3\t1\t1793494900000\t1"), lines(out().resolve("pairs")));
    assertEquals(4, result.pairs());
    assertEquals(4, lines(out().resolve("prefs")).size());

    List<JsonNode> quarantine = new ArrayList<>();
    for (String line : lines(out().resolve("quarantine"))) {
      quarantine.add(new ObjectMapper().readTree(line));
    }
    assertEquals(5, quarantine.size());
    JsonNode wrongType = quarantine.stream().filter(q -> q.get("reason").asText().equals("WRONG_TYPE"))
        .findFirst().orElseThrow();
    assertEquals("timestamp", wrongType.get("field").asText());
    assertTrue(wrongType.get("source").asText().contains("dt=2026-11-01/hour=01/events.jsonl:"),
        wrongType.get("source").asText());
    assertTrue(wrongType.get("record").asText().contains("\"event_id\":\"e8\""), "the raw line is kept");
  }

  @Test
  void failsWhenTheQuarantineRatePassesTheThreshold() throws Exception {
    Configuration conf = LocalJobs.configure(new Configuration(), dir);
    Job job = Jobs.run(InteractionsJob.createJob(conf, inputs(conf, DAY), outPath()));
    JobFailedException e = assertThrows(JobFailedException.class, () -> InteractionsJob.check(job));
    assertTrue(e.getMessage().contains("5 of 11 lines (45.45%) quarantined, above reco.quarantine.max-rate=5.00%"),
        e.getMessage());
  }

  @Test
  void refusesDateRangesWithoutPartitionsAndBadThresholds() throws Exception {
    Configuration conf = LocalJobs.configure(new Configuration(), dir);
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> inputs(conf, LocalDate.of(2026, 10, 1)));
    assertTrue(none.getMessage().contains("no raw partitions"), none.getMessage());
    conf.setFloat(InteractionsJob.MAX_QUARANTINE_RATE, 1.5f);
    assertThrows(IllegalArgumentException.class, () -> InteractionsJob.createJob(conf, List.of(), outPath()));
  }

  private static List<org.apache.hadoop.fs.Path> inputs(Configuration conf, LocalDate day) throws IOException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(
        Path.of("src/test/resources/raw/clickstream").toAbsolutePath().toUri());
    return RawPartitions.between(FileSystem.getLocal(conf), root, day, day);
  }

  private org.apache.hadoop.fs.Path outPath() {
    return new org.apache.hadoop.fs.Path(out().toUri());
  }

  private Path out() {
    return dir.resolve("out");
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
