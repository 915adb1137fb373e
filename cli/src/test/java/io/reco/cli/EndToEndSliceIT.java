package io.reco.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.commands.WorkflowOutput;
import io.reco.jobs.RecoJobs;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.evaluate.ModelValidation;
import io.reco.jobs.evaluate.ServedAnswers;
import io.reco.jobs.generate.ShopGenerator;
import io.reco.jobs.pipeline.PipelineJob;
import io.reco.jobs.toppicks.TopPicksJob;
import io.reco.records.Settings;
import io.reco.schema.ModelInfo;
import io.reco.schema.ModelRegistry;
import io.reco.serving.RecoServer;
import io.reco.testing.SharedHBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slice end to end, as the demo runs it: synthetic shop, the pipeline on LocalJobRunner into HBase, the servlet
 * over real HTTP.
 */
class EndToEndSliceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final LocalDate START = LocalDate.of(2026, 11, 1);

  @TempDir
  Path dir;
  private Configuration conf;
  private org.apache.hadoop.fs.Path root;

  /** A synthetic shop under the test's directory, from {@link #START}, and the configuration that runs on it. */
  private ShopGenerator.Summary shop(long seed, long events, int days) throws Exception {
    conf = LocalJobs.configure(SharedHBase.configuration(), dir.resolve("tmp"));
    // each test serves its own run; promotion by the validation figure has a test of its own
    conf.setBoolean(PipelineJob.FORCE_PROMOTE, true);
    root = new org.apache.hadoop.fs.Path(dir.toUri());
    return new ShopGenerator(FileSystem.getLocal(conf), root, new ShopGenerator.Settings(seed, events, START, days,
        0, 0)).generate();
  }

  @Test
  void eventsBecomeRecommendationsThatMakeSense() throws Exception {
    ShopGenerator.Summary shop = shop(11, 40_000, 3);
    LocalDate start = START;

    List<String> stages = new ArrayList<>();
    PipelineJob.Result result = PipelineJob.run(conf, shop.clickstream().getParent(), start, start.plusDays(2),
        new org.apache.hadoop.fs.Path(root, "work"), (stage, detail, elapsed) -> {
          stages.add(stage);
          // the stages' times and figures in the test's output, as the demo prints them
          System.out.printf("%-28s %6.1f s  %s%n", stage, elapsed.toMillis() / 1000.0, detail);
        });
    assertEquals(List.of("bronze-to-silver", "interactions", "sessions", "item-features", "training-export",
        "indicators", "popularity", "bought-together", "content-neighbours", "user-recent", "top-picks", "validate",
        "load reco:item_similar", "load reco:item_next", "load reco:popular", "load reco:user_recent",
        "load reco:user_excluded", "load reco:user_top", "load reco:user_features", "load reco:item_features", "load reco:item_together",
        "load reco:item_content", "publish"), stages);
    assertEquals(shop.events(), result.stats().get("lines_read"), "every generated event was read");
    long used = result.stats().get("events_used");
    assertTrue(used > 0.9 * shop.events(), "near duplicates and events of inactive products are set aside: " + used);
    assertEquals(shop.events() - used, result.stats().get("lines_removed"));
    assertTrue(result.stats().get("rows_item_content") > 0.9 * shop.products(), "content neighbours of most"
        + " products: " + result.stats().get("rows_item_content") + " of " + shop.products());
    assertTrue(result.stats().get("trending_lists") > 0, "a global trending list at least");
    long sessions = result.stats().get("sessions");
    long users = result.stats().get("users");
    assertTrue(sessions >= users && sessions < used, sessions + " sessions of " + users + " users, " + used
        + " events");

    assertEquals(result.version(), new ModelRegistry(SharedHBase.connection()).activeVersion().orElseThrow());
    assertEquals(String.valueOf(shop.events()),
        new ModelRegistry(SharedHBase.connection()).describe(result.version()).orElseThrow().stats().get("lines_read"));

    Map<String, String> category = categories(dir.resolve("raw/master/catalog")
        .resolve(Files.readString(dir.resolve("raw/master/catalog/_LATEST")).trim()).resolve("catalog.jsonl"));
    try (RecoServer server = RecoServer.start(conf, "127.0.0.1", 0)) {
      String base = "http://127.0.0.1:" + server.port();
      // readiness is the model timer's verdict: its first check runs as the server starts
      await().atMost(Duration.ofSeconds(10)).until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(base
          + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
      assertEquals(result.version(), get(base + "/health/ready", 200).get("model").asText());

      JsonNode popular = get(base + "/v1/users/someone-new/recommendations?k=20", 200);
      assertEquals("popular", popular.get("strategy").asText());
      assertEquals(20, popular.get("items").size());

      int sameCategory = 0;
      int neighbours = 0;
      for (JsonNode top : popular.get("items")) {
        String item = top.get("id").asText();
        JsonNode similar = get(base + "/v1/items/" + item + "/similar?k=10", 200);
        double previous = Double.MAX_VALUE;
        for (JsonNode n : similar.get("items")) {
          double score = n.get("score").asDouble();
          assertTrue(score > 0 && score <= previous, "blended scores above 0, best first");
          previous = score;
          assertFalse(n.get("id").asText().equals(item), "an item is not its own neighbour");
          neighbours++;
          if (category.get(item).equals(category.get(n.get("id").asText()))) {
            sameCategory++;
          }
        }
      }
      double share = (double) sameCategory / neighbours;
      double chance = chanceOfSameCategory(category);
      assertTrue(neighbours >= 150, "most popular items have 10 neighbours: " + neighbours);
      assertTrue(share > 3 * chance, "similar items share a category " + share + " of the time; chance is " + chance);

      JsonNode personal = get(base + "/v1/users/u0/recommendations?k=10", 200);
      assertEquals("personalized", personal.get("strategy").asText());
      assertEquals(10, personal.get("items").size());
      Set<String> ids = new HashSet<>();
      personal.get("items").forEach(i -> ids.add(i.get("id").asText()));
      assertEquals(10, ids.size(), "no duplicates");

      get(base + "/v1/items/no-such-item/similar", 404);
      get(base + "/v1/users/u0/recommendations?k=-1", 400);
    }
  }

  @Test
  void aFailedQualityCheckStopsThePipelineBeforeAnyModelAndTheServedModelStays() throws Exception {
    ShopGenerator.Summary shop = shop(5, 5_000, 1);
    LocalDate start = START;
    org.apache.hadoop.fs.Path work = new org.apache.hadoop.fs.Path(root, "work");
    String served = PipelineJob.run(conf, shop.clickstream().getParent(), start, start, work, (s, d, e) -> { })
        .version();
    Path file;
    try (var files = Files.walk(dir.resolve("raw/clickstream"))) {
      file = files.filter(f -> f.toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
    }
    Files.writeString(file, Files.readString(file).replaceFirst("\"view\"", "\"purchase\""));
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));

    List<String> stages = new ArrayList<>();
    JobFailedException failed = assertThrows(JobFailedException.class, () -> PipelineJob.run(conf,
        shop.clickstream().getParent(), start, start, work, (stage, detail, elapsed) -> stages.add(stage)));
    assertTrue(failed.getMessage().contains("raw-files:clickstream") && failed.getMessage().contains(
        "CHECKSUM_MISMATCH") && failed.getMessage().contains("the served model is unchanged"), failed.getMessage());
    assertEquals(List.of(), stages, "no stage after bronze-to-silver ran");
    assertEquals(served, new ModelRegistry(SharedHBase.connection()).activeVersion().orElseThrow());
  }

  /** Runs one job of the jobs jar as Oozie's java action does, returning its exit code and its action data. */
  private Map.Entry<Integer, java.util.Properties> asAnAction(String... args) throws Exception {
    Path data = Files.createTempFile(dir, "action", ".properties");
    System.setProperty(WorkflowOutput.PROPERTY, data.toString());
    try {
      int code = RecoJobs.run(conf, args);
      java.util.Properties properties = new java.util.Properties();
      try (var in = Files.newInputStream(data)) {
        properties.load(in);
      }
      return Map.entry(code, properties);
    } finally {
      System.clearProperty(WorkflowOutput.PROPERTY);
    }
  }

  @Test
  void theWorkflowsStepsHandTheVerdictToOozieAndThePipelineBuildsFromTheCheckedSilver() throws Exception {
    ShopGenerator.Summary shop = shop(7, 5_000, 1);
    String raw = shop.clickstream().getParent().toString();
    String day = START.toString();
    org.apache.hadoop.fs.Path work = new org.apache.hadoop.fs.Path(root, "work");
    String run = new org.apache.hadoop.fs.Path(work, "run-1").toString();
    Map.Entry<Integer, java.util.Properties> silver = asAnAction("bronze-to-silver", "--raw", raw, "--from", day,
        "--to", day, "--output", run, "--history", work.toString(), "--verdict-only");
    assertEquals(0, silver.getKey());
    assertTrue(Set.of("PASS", "WARN").contains(silver.getValue().getProperty("status")), silver.getValue().toString());
    assertTrue(silver.getValue().getProperty("output").endsWith("/work/run-1"), silver.getValue().toString());
    assertTrue(silver.getValue().getProperty("report").endsWith("/work/run-1/report/report.html"),
        silver.getValue().toString());

    IllegalArgumentException otherDates = assertThrows(IllegalArgumentException.class, () -> PipelineJob.run(conf,
        shop.clickstream().getParent(), START, START.plusDays(1), work, new org.apache.hadoop.fs.Path(run),
        (s, d, e) -> { }));
    assertTrue(otherDates.getMessage().contains("covers " + day + " to " + day), otherDates.getMessage());

    Map.Entry<Integer, java.util.Properties> pipeline = asAnAction("pipeline", "--raw", raw, "--from", day, "--to",
        day, "--work", work.toString(), "--silver", silver.getValue().getProperty("output"));
    assertEquals(0, pipeline.getKey());
    assertEquals("true", pipeline.getValue().getProperty("promoted"));
    assertEquals(pipeline.getValue().getProperty("version"),
        new ModelRegistry(SharedHBase.connection()).activeVersion().orElseThrow());
    FileSystem fs = work.getFileSystem(conf);
    assertEquals(List.of("run-1"), java.util.Arrays.stream(fs.listStatus(work)).map(f -> f.getPath().getName())
        .filter(n -> !n.startsWith("_") && !n.startsWith(".")).toList(), "bronze to silver ran once");
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(run, PipelineJob.GOLD)), "the models' inputs beside it");

    Path file;
    try (var files = Files.walk(dir.resolve("raw/clickstream"))) {
      file = files.filter(f -> f.toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
    }
    Files.writeString(file, Files.readString(file).replaceFirst("\"view\"", "\"purchase\""));
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    Map.Entry<Integer, java.util.Properties> failed = asAnAction("bronze-to-silver", "--raw", raw, "--from", day,
        "--to", day, "--output", new org.apache.hadoop.fs.Path(work, "run-2").toString(), "--verdict-only");
    assertEquals(List.of(0, "FAIL"), List.of(failed.getKey(), failed.getValue().getProperty("status")),
        "the workflow's decision routes on the verdict");
    assertEquals(1, RecoJobs.run(conf, new String[] {"bronze-to-silver", "--raw", raw, "--from", day, "--to", day,
        "--output", new org.apache.hadoop.fs.Path(work, "run-3").toString()}), "outside a workflow a FAIL exits 1");
  }

  @Test
  void theServiceAnswersTheTopPicksTheEvaluationScores() throws Exception {
    ShopGenerator.Summary shop = shop(29, 8_000, 2);
    org.apache.hadoop.fs.Path work = new org.apache.hadoop.fs.Path(root, "work");
    // 5 precomputed per active user: k=5 is answered from reco:user_top, k=10 ranked by the servlet
    conf.setInt(TopPicksJob.PRECOMPUTE_K, 5);
    PipelineJob.Result result = PipelineJob.run(conf, shop.clickstream().getParent(), START, START.plusDays(1), work,
        (s, d, e) -> { });
    assertTrue(result.stats().get("users_precomputed") > 100, result.stats().toString());
    ServedAnswers offline = ServedAnswers.ofRun(conf, new org.apache.hadoop.fs.Path(work, result.version()));
    List<String> users = offline.users();
    assertTrue(users.size() > 100, users.size() + " users");
    try (RecoServer server = RecoServer.start(conf, "127.0.0.1", 0)) {
      String base = "http://127.0.0.1:" + server.port();
      for (String user : users.subList(0, 60)) {
        for (int k : new int[] {5, 10}) {
          List<String> served = new ArrayList<>();
          get(base + "/v1/users/" + user + "/recommendations?k=" + k, 200).get("items")
              .forEach(i -> served.add(i.get("id").asText()));
          assertEquals(offline.topPicks(user, k), served, "top " + k + " picks of " + user);
        }
      }
    }
  }

  @Test
  void aRunThatDoesNotBeatTheServedModelOnValidationIsKeptAsACandidate() throws Exception {
    ShopGenerator.Summary shop = shop(23, 8_000, 2);
    conf.set(ModelValidation.RELEVANT, "view,click,add_to_cart,purchase"); // enough hits in a small shop
    org.apache.hadoop.fs.Path work = new org.apache.hadoop.fs.Path(root, "work");
    org.apache.hadoop.fs.Path raw = shop.clickstream().getParent();
    PipelineJob.Result served = PipelineJob.run(conf, raw, START, START.plusDays(1), work, (s, d, e) -> { });
    conf.setBoolean(PipelineJob.FORCE_PROMOTE, false);
    List<String> details = new ArrayList<>();
    PipelineJob.Result again = PipelineJob.run(conf, raw, START, START.plusDays(1), work,
        (stage, detail, elapsed) -> details.add(stage + ": " + detail));

    ModelRegistry registry = new ModelRegistry(SharedHBase.connection());
    assertFalse(again.promoted(), "the same data gives the same figure, not 1% better");
    assertEquals(served.version(), registry.activeVersion().orElseThrow());
    ModelInfo candidate = registry.describe(again.version()).orElseThrow();
    assertEquals("candidate", candidate.status());
    double ndcg = candidate.metric("ndcg@10").orElseThrow();
    assertEquals(registry.describe(served.version()).orElseThrow().metric("ndcg@10").orElseThrow(), ndcg, 1e-12);
    assertTrue(ndcg > 0, "the validation scores hits: " + ndcg);
    String publish = details.get(details.size() - 1);
    assertTrue(publish.startsWith("publish: model " + again.version() + " kept as a candidate")
        && publish.contains("does not beat"), publish);
  }

  private static JsonNode get(String url, int status) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), url + " -> " + response.body());
    return JSON.readTree(response.body());
  }

  private static Map<String, String> categories(Path products) throws Exception {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(products)) {
      JsonNode p = JSON.readTree(line);
      out.put(p.get("product_id").asText(), p.get("category").asText());
    }
    return out;
  }

  private static double chanceOfSameCategory(Map<String, String> category) {
    Map<String, Integer> sizes = new HashMap<>();
    category.values().forEach(c -> sizes.merge(c, 1, Integer::sum));
    double n = category.size();
    return sizes.values().stream().mapToDouble(s -> (s / n) * (s / n)).sum();
  }
}
