package io.reco.serving;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.schema.avro.ScoredItem;
import io.reco.testing.SharedHBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an operator watches: the Prometheus metrics (names, bounded labels, no ids), the JSON access log with the
 * request id the client sees, and the list cache (a second read of a list does not reach HBase; a new model
 * empties it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> accessLines = new CopyOnWriteArrayList<>();
  private final AppenderSkeleton capture = new AppenderSkeleton() {
    @Override
    protected void append(LoggingEvent event) {
      accessLines.add(event.getRenderedMessage());
    }

    @Override
    public void close() {
    }

    @Override
    public boolean requiresLayout() {
      return false;
    }
  };
  private RecoServer server;
  private String base;

  @BeforeAll
  void start() throws Exception {
    Models.publish(SharedHBase.connection(), "obs1", List.of(new ScoredItem("b", 0.9), new ScoredItem("c", 0.5)));
    Logger.getLogger("io.reco.access").addAppender(capture);
    Logger.getLogger("io.reco.access").setLevel(Level.INFO);
    // the timer refreshes the model; the cache is on, as in production
    server = SharedServers.start(conf -> conf.setLong(RecoServer.MODEL_REFRESH_MS, 200));
    base = SharedServers.base(server);
  }

  @AfterAll
  void stop() throws Exception {
    Logger.getLogger("io.reco.access").removeAppender(capture);
    server.close();
  }

  private static HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String metrics() throws Exception {
    HttpResponse<String> response = get(base + "/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    return response.body();
  }

  /** The value of the sample {@code name{labels}} in the exposition, labels in Prometheus's (sorted) order. */
  private static double sample(String text, String name, String labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  @Test
  void everyRequestHasOneAccessLogLineWithTheRequestIdTheClientSaw() throws Exception {
    HttpResponse<String> given = get(base + "/v1/users/alice/recommendations?k=2", "X-Request-Id", "page-42");
    assertEquals(200, given.statusCode(), given.body());
    assertEquals("page-42", given.headers().firstValue("X-Request-Id").orElse(null));
    assertEquals("page-42", JSON.readTree(given.body()).get("request_id").asText());

    HttpResponse<String> fresh = get(base + "/v1/items/nope/similar", "X-Request-Id", "bad id with spaces");
    String id = fresh.headers().firstValue("X-Request-Id").orElseThrow();
    assertTrue(id.matches("[0-9a-f]{32}"), "a new id replaces an unsafe one: " + id);

    JsonNode line = awaitLine("page-42");
    assertEquals("GET", line.get("method").asText());
    assertEquals("user_recommendations", line.get("endpoint").asText());
    assertEquals("/v1/users/alice/recommendations", line.get("path").asText());
    assertEquals(200, line.get("status").asInt());
    assertEquals(JSON.readTree(given.body()).get("model").asText(), line.get("model").asText());
    assertTrue(line.get("model").asText().startsWith("obs"), line.toString());
    assertTrue(line.get("latency_ms").asDouble() > 0, line.toString());
    assertTrue(line.get("time").asText().endsWith("Z"), line.toString());
    JsonNode notFound = awaitLine(id);
    assertEquals(404, notFound.get("status").asInt());
    assertEquals("similar_items", notFound.get("endpoint").asText());
  }

  private JsonNode awaitLine(String requestId) {
    // the access log is written once the response is complete, which the client may see a moment before
    return await().alias("an access log line for " + requestId).atMost(Duration.ofSeconds(2))
        .until(() -> lineOf(requestId), line -> line != null);
  }

  private JsonNode lineOf(String requestId) throws Exception {
    for (String text : accessLines) {
      JsonNode line = JSON.readTree(text);
      if (requestId.equals(line.path("request_id").asText())) {
        return line;
      }
    }
    return null;
  }

  /** The first item of a's similar items, once it is {@code expected} (at most 5 s). */
  private void awaitFirstSimilarToA(String expected) {
    await().alias("a's first similar item is " + expected).atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50)).until(() -> JSON.readTree(get(base + "/v1/items/a/similar").body())
            .path("items").path(0).path("id").asText(), expected::equals);
  }

  @Test
  void metricsCountRequestsByEndpointAndStatusAndHBaseCallsAndCacheHitsWithoutIds() throws Exception {
    double before = sample(metrics(), "reco_http_requests_seconds_count",
        "endpoint=\"similar_items\",status=\"200\"");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, get(base + "/v1/items/a/similar").statusCode());
    }
    assertEquals(404, get(base + "/v1/items/stranger-item-77/similar").statusCode());
    // a request is metered once its response is complete, which the client may see a moment before
    double expected = 3 + (Double.isNaN(before) ? 0 : before);
    String text = await().atMost(Duration.ofSeconds(2)).until(this::metrics, t -> sample(t,
        "reco_http_requests_seconds_count", "endpoint=\"similar_items\",status=\"200\"") >= expected);
    assertEquals(expected, sample(text, "reco_http_requests_seconds_count",
        "endpoint=\"similar_items\",status=\"200\""), 0.0);
    assertTrue(sample(text, "reco_http_requests_seconds_count", "endpoint=\"similar_items\",status=\"404\"") >= 1);
    assertTrue(text.contains("reco_http_requests_seconds_bucket{endpoint=\"similar_items\",status=\"200\",le="),
        "a latency histogram");
    assertTrue(sample(text, "reco_hbase_calls_seconds_count", "outcome=\"ok\",table=\"item_similar\"") >= 1, text);
    assertTrue(sample(text, "cache_gets_total", "cache=\"reco_lists\",result=\"hit\"") >= 2, "cache hits");
    String model = JSON.readTree(get(base + "/health/ready").body()).get("model").asText();
    assertEquals(1.0, sample(text, "reco_model_active", "version=\"" + model + "\""));
    assertTrue(text.contains("jetty_threads_busy"), "the container's threads");
    assertTrue(text.contains("reco_api_requests_queued "), "the API's queue");
    assertTrue(text.contains("jvm_memory_used_bytes"), "the JVM");
    for (String id : List.of("alice", "stranger-item-77", "page-42")) {
      assertFalse(text.contains(id), "an id in the metrics: " + id);
    }
  }

  @Test
  void aCachedListIsReadFromHBaseOnceAndANewModelEmptiesTheCache() throws Exception {
    assertEquals(200, get(base + "/v1/users/alice/recommendations").statusCode());
    double reads = sample(metrics(), "reco_hbase_calls_seconds_count", "outcome=\"ok\",table=\"user_recent\"");
    for (int i = 0; i < 5; i++) {
      assertEquals(200, get(base + "/v1/users/alice/recommendations").statusCode());
    }
    assertEquals(reads, sample(metrics(), "reco_hbase_calls_seconds_count", "outcome=\"ok\",table=\"user_recent\""),
        "five more requests, no more reads of alice's list");

    Models.publish(SharedHBase.connection(), "obs2", List.of(new ScoredItem("z", 0.7)));
    awaitFirstSimilarToA("z"); // the new model's list, not the cached one
    assertEquals(1.0, sample(metrics(), "reco_model_active", "version=\"obs2\""));
    Models.publish(SharedHBase.connection(), "obs1", List.of(new ScoredItem("b", 0.9), new ScoredItem("c", 0.5)));
    awaitFirstSimilarToA("b"); // back to the first model
  }
}
