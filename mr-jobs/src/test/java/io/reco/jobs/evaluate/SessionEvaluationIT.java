package io.reco.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.LocalJobs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session protocol once, on a session log imported as a user would bring it: visitors walk a catalog along
 * paths, so what comes next depends on the direction, which co-occurrence cannot see, and on the session's theme
 * (one of four paths from each item), which the last item alone cannot tell but the items before it can.
 */
class SessionEvaluationIT {
  private static final int ITEMS = 120;
  @TempDir
  static Path dir;
  private static String printed;
  private static Map<?, ?> report;
  private static int status;

  @BeforeAll
  static void evaluateASessionLog() throws Exception {
    Random random = new Random(11);
    List<String> lines = new ArrayList<>(List.of("SessionId\tItemId\tTime"));
    long time = 1_396_000_000L;
    for (int session = 1; session <= 2_500; session++) {
      int item = random.nextInt(ITEMS);
      int theme = random.nextInt(4);
      int length = 2 + random.nextInt(5);
      for (int i = 0; i < length; i++) {
        lines.add(session + "\t" + item + "\t" + time);
        time += 30;
        // mostly the next item on the theme's path, sometimes anywhere
        item = random.nextDouble() < 0.8 ? (item * 7 + 3 + theme * 31) % ITEMS : random.nextInt(ITEMS);
      }
      time += 600;
    }
    Path log = dir.resolve("clicks.tsv");
    Files.write(log, lines, StandardCharsets.UTF_8);
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    status = ToolRunner.run(conf, new EvaluateJob(new PrintStream(out, true, StandardCharsets.UTF_8)),
        new String[] {"--dataset", "sessions", "--input", log.toString(), "--protocol", "session", "--work",
            dir.resolve("work").toString()});
    printed = out.toString(StandardCharsets.UTF_8);
    report = EvaluationReport.read(FileSystem.getLocal(conf), new org.apache.hadoop.fs.Path(
        dir.resolve("work").toUri()));
  }

  private static double figure(String recommender, String name) {
    Map<?, ?> results = (Map<?, ?>) report.get("results");
    return ((Number) ((Map<?, ?>) ((Map<?, ?>) results.get(recommender)).get("all")).get(name)).doubleValue();
  }

  private static long count(String name) {
    return ((Number) ((Map<?, ?>) report.get("counts")).get(name)).longValue();
  }

  @Test
  void everySessionIsInOnePart() {
    assertEquals(0, status, printed);
    assertEquals(2_500, count("sessions"));
    assertEquals(2_500, count("train_sessions") + count("validation_sessions") + count("test_sessions"));
    assertEquals(500, count("test_sessions"));
  }

  @Test
  void theServedSessionAnswerRanksTheNextItemHigherThanCooccurrenceAndSequentialRules() {
    for (String baseline : List.of("co-occurrence in a session (last item)", "sequential rules (last item)")) {
      assertTrue(figure(EvaluateJob.SERVED, "mrr@20") > 1.1 * figure(baseline, "mrr@20"), printed);
    }
  }

  @Test
  void theServedSessionAnswerListsTheNextItemAsOftenAsTheBaselines() {
    // every path from the last item fits in 20: the hit rate is the share of steps taken along a path, for all
    for (String baseline : List.of("co-occurrence in a session (last item)", "sequential rules (last item)")) {
      assertEquals(figure(baseline, "hr@20"), figure(EvaluateJob.SERVED, "hr@20"), 0.005, printed);
    }
  }

  @Test
  void theDirectionOfTheSessionsIsLearnt() {
    assertTrue(figure(EvaluateJob.SERVED, "mrr@20") > 0.3, printed);
    assertTrue(figure("popularity", "mrr@20") < 0.1, printed);
  }

  @Test
  void theTunedSessionSettingsArePrinted() {
    assertTrue(printed.contains("tuned settings: -D reco.ranking.session-indicator-weights="), printed);
    assertTrue(printed.contains("next items of 500 test sessions"), printed);
  }
}
