package io.reco.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.commands.UsageException;
import io.reco.jobs.common.LocalJobs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole evaluation once, on a generated shop: what a user of {@code bin/reco evaluate} reads. */
class EvaluateJobIT {
  @TempDir
  static Path dir;
  private static String printed;
  private static Map<?, ?> report;
  private static int status;

  @BeforeAll
  static void evaluateAGeneratedShop() throws Exception {
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    status = ToolRunner.run(conf, new EvaluateJob(new PrintStream(out, true, StandardCharsets.UTF_8)),
        new String[] {"--dataset", "generator", "--events", "30000", "--seed", "3", "--work",
            dir.resolve("work").toString(), "--relevant", "add_to_cart,purchase"});
    printed = out.toString(StandardCharsets.UTF_8);
    report = EvaluationReport.read(FileSystem.getLocal(conf), new org.apache.hadoop.fs.Path(
        dir.resolve("work").toUri()));
  }

  private static double ndcg(String recommender) {
    Map<?, ?> results = (Map<?, ?>) report.get("results");
    return ((Number) ((Map<?, ?>) ((Map<?, ?>) results.get(recommender)).get("all")).get("ndcg@10")).doubleValue();
  }

  @Test
  void everyRecommenderIsScoredOnTheSameTestUsers() {
    assertEquals(0, status, printed);
    Map<?, ?> results = (Map<?, ?>) report.get("results");
    List<Object> names = new java.util.ArrayList<>(results.keySet());
    names.remove(1); // the learned ranker's row, below
    assertEquals(List.of(EvaluateJob.SERVED, "reco (default blend weights)", "reco, llr indicator alone",
        "reco, cosine indicator alone", "reco, cross indicator alone", "reco, ease indicator alone",
        "reco, sequence indicator alone", "popularity", "Mahout RecommenderJob (LLR)",
        "Mahout ALS (implicit, ParallelALSFactorizationJob)", "item-kNN (cosine)"), names.subList(0, 11));
    Map<?, ?> counts = (Map<?, ?>) report.get("counts");
    long users = ((Number) counts.get("test_users")).longValue();
    assertTrue(users > 50, "test users: " + users);
    results.values().forEach(groups -> assertEquals((double) users, ((Number) ((Map<?, ?>) ((Map<?, ?>) groups)
        .get("all")).get("users")).doubleValue()));
  }

  @Test
  void theReportShowsTheBlendBesideTheLearnedRankerAndServesTheOneThatWonOnValidation() throws Exception {
    Map<?, ?> results = (Map<?, ?>) report.get("results");
    String verdict = ((List<?>) report.get("tuning")).stream().map(Object::toString)
        .filter(line -> line.startsWith("learned ranker (")).findFirst().orElseThrow();
    Map<?, ?> tuned = (Map<?, ?>) report.get("tuned");
    if (verdict.endsWith(": served")) {
      assertTrue(results.containsKey("reco (tuned blend, no learned ranker)"), results.keySet().toString());
      java.nio.file.Path model = java.nio.file.Path.of(new org.apache.hadoop.fs.Path(
          (String) tuned.get("reco.ranking.learned-ranker")).toUri().getPath());
      assertTrue(Files.readString(model).contains("\"format\":\"reco-learned-ranker/1\""), model.toString());
    } else {
      assertTrue(verdict.contains("not served"), verdict);
      assertTrue(results.containsKey("reco + learned ranker (not served)"), results.keySet().toString());
      assertTrue(!tuned.containsKey("reco.ranking.learned-ranker"), tuned.toString());
    }
  }

  @Test
  void theSplitLosesNoInteraction() {
    Map<?, ?> counts = (Map<?, ?>) report.get("counts");
    long parts = ((Number) counts.get("train")).longValue() + ((Number) counts.get("validation")).longValue()
        + ((Number) counts.get("test")).longValue();
    assertEquals(((Number) counts.get("interactions")).longValue(), parts);
  }

  @Test
  void theServedTopPicksBeatPopularity() {
    assertTrue(ndcg(EvaluateJob.SERVED) > 1.5 * ndcg("popularity"), ndcg(EvaluateJob.SERVED) + " against "
        + ndcg("popularity"));
  }

  @Test
  void theTunedSettingsArePrintedAsOptionsAndThePageIsWritten() throws Exception {
    assertTrue(printed.contains("tuned settings: -D reco.ranking.indicator-weights="), printed);
    assertTrue(printed.contains(EvaluateJob.SERVED), printed);
    String page = Files.readString(dir.resolve("work").resolve(EvaluationReport.HTML));
    assertTrue(page.contains("<svg") && page.contains(EvaluateJob.SERVED), "bar charts of every recommender");
  }

  @Test
  void aSplitThatDoesNotAddUpIsRefusedSayingSo() {
    UsageException e = assertThrows(UsageException.class, () -> ToolRunner.run(new Configuration(),
        new EvaluateJob(), new String[] {"--dataset", "generator", "--work", dir.resolve("bad").toString(),
            "--split", "70,10,10"}));
    assertEquals("evaluate: --split is train,validation,test in percent adding up to 100, was [70, 10, 10]",
        e.getMessage());
  }
}
