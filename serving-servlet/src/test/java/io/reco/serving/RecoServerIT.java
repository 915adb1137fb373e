package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.schema.ModelRegistry;
import io.reco.schema.avro.ScoredItem;
import io.reco.testing.SharedHBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The servlet over real HTTP, reading models written into the shared HBase: first with no model published, then
 * with v1, then with v2 swapped in (the order the methods run in).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoServerIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecoServer server;
  private String base;
  private boolean v1Published;

  @BeforeAll
  void start() throws Exception {
    Models.unpublishAll(SharedHBase.connection());
    server = SharedServers.start(conf -> { });
    base = SharedServers.base(server);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  private void withV1() throws Exception {
    if (!v1Published) {
      publish("v1", List.of(new ScoredItem("b", 0.9), new ScoredItem("c", 0.6), new ScoredItem("d", 0.3)));
      v1Published = true;
    }
  }

  @Test
  @Order(1)
  void withoutAModelLiveIs200AndReadyAndRequestsAre503() throws Exception {
    assertEquals(200, get(base + "/health/live").statusCode());
    assertEquals(503, get(base + "/health/ready").statusCode(), "no model yet");
    HttpResponse<String> early = get(base + "/v1/items/a/similar");
    assertEquals(503, early.statusCode());
    assertEquals("no model is published yet", JSON.readTree(early.body()).get("error").asText());
  }

  @Test
  @Order(2)
  void readyNamesThePublishedModel() throws Exception {
    withV1();
    assertEquals("v1", JSON.readTree(get(base + "/health/ready").body()).get("model").asText());
  }

  @Test
  @Order(3)
  void similarItemsAreTheTopKNeighboursWithScores() throws Exception {
    withV1();
    JsonNode similar = body(base + "/v1/items/a/similar?k=2", 200);
    assertEquals(List.of("b", "c"), ids(similar));
    assertEquals(0.9, similar.get("items").get(0).get("score").asDouble());
    assertEquals("v1", similar.get("model").asText());
  }

  @Test
  @Order(4)
  void aKnownUserGetsNeighboursOfWhatTheyTouchedThenPopular() throws Exception {
    withV1();
    JsonNode personal = body(base + "/v1/users/alice/recommendations?k=3", 200);
    assertEquals("personalized", personal.get("strategy").asText());
    // neighbours of a, which alice touched (and is never offered), plus 3 x popularity (the default weight):
    // b 0.9 + 2.4, d 0.3 + 2.1, c 0.6 + 0.3
    assertEquals(List.of("b", "d", "c"), ids(personal));
  }

  @Test
  @Order(5)
  void anUnknownUserGetsThePopularList() throws Exception {
    withV1();
    JsonNode stranger = body(base + "/v1/users/nobody/recommendations", 200);
    assertEquals("popular", stranger.get("strategy").asText());
    assertEquals(List.of("a", "b", "d", "c"), ids(stranger));
  }

  @Test
  @Order(6)
  void anUnknownItemIs404Json() throws Exception {
    withV1();
    assertError(base + "/v1/items/zzz/similar", 404, "unknown item 'zzz': no similar items in model v1");
  }

  @Test
  @Order(7)
  void aBadKIs400Json() throws Exception {
    withV1();
    assertError(base + "/v1/items/a/similar?k=0", 400, "k must be from 1 to 100, was 0");
    assertError(base + "/v1/items/a/similar?k=101", 400, "k must be from 1 to 100, was 101");
    assertError(base + "/v1/users/alice/recommendations?k=ten", 400,
        "k must be a whole number from 1 to 100, was 'ten'");
  }

  @Test
  @Order(8)
  void anUnknownEndpointIs404JsonNamingTheRealOnes() throws Exception {
    assertError(base + "/v1/items", 404,
        "no such endpoint: /v1/items; the API answers GET /v1/users/{id}/recommendations, GET /v1/items/{id}/similar,"
        + " GET /v1/items/{id}/bought-together, POST /v1/cart/addons, POST /v1/session/recommendations,"
        + " GET /v1/popular, GET /v1/trending, GET /v1/features/users/{id}, GET /v1/features/items/{id},"
        + " POST /v1/feedback");
  }

  @Test
  @Order(9)
  void aNewlyActivatedModelIsServedWithoutRestart() throws Exception {
    withV1();
    publish("v2", List.of(new ScoredItem("z", 0.5)));
    assertEquals(List.of("z"), ids(body(base + "/v1/items/a/similar", 200)));
  }

  @Test
  @Order(10)
  void publicationsAndRollbacksAreServedWithinTheRefreshIntervalWhileReadinessIsPolled() throws Exception {
    withV1();
    publish("v2", List.of(new ScoredItem("z", 0.5)));
    ModelRegistry registry = new ModelRegistry(SharedHBase.connection());
    ScheduledExecutorService loadBalancer = Executors.newSingleThreadScheduledExecutor();
    try (RecoServer timed = SharedServers.start(conf -> conf.setLong(RecoServer.MODEL_REFRESH_MS, 500))) {
      String timedBase = SharedServers.base(timed);
      // a load balancer's readiness probe, every 100 ms
      loadBalancer.scheduleAtFixedRate(() -> {
        try {
          get(timedBase + "/health/ready");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, 0, 100, TimeUnit.MILLISECONDS);
      try {
        for (String version : List.of("v1", "v2", "v1")) {
          registry.activate(version);
          long activated = System.nanoTime();
          String served = null;
          while (System.nanoTime() - activated < 5_000_000_000L && !version.equals(served)) {
            served = JSON.readTree(get(timedBase + "/health/ready").body()).path("model").asText();
          }
          long millis = (System.nanoTime() - activated) / 1_000_000;
          assertEquals(version, served, "still serving " + served + " " + millis + " ms after " + version);
          assertTrue(millis < 2_000, version + " served after " + millis + " ms; the interval is 500 ms");
        }
      } finally {
        loadBalancer.shutdownNow();
      }
    }
  }

  private static void publish(String version, List<ScoredItem> similarToA) throws Exception {
    Models.publish(SharedHBase.connection(), version, similarToA);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode body(String url, int status) throws Exception {
    HttpResponse<String> response = get(url);
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private static void assertError(String url, int status, String message) throws Exception {
    assertEquals(message, body(url, status).get("error").asText());
  }

  private static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.get("items").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

}
