package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.schema.RecoTables;
import io.reco.testing.SharedHBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.hadoop.hbase.client.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The service while its store fails: with the model registry's table taken offline, requests and readiness answer
 * 503 with {@code Retry-After} within the HBase timeout, liveness stays 200, and the service recovers by itself
 * when the table is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreFaultsIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_MS = 1000;
  private RecoServer server;
  private String base;

  @BeforeAll
  void start() throws Exception {
    server = SharedServers.start(conf -> conf.setLong(RecoServer.HBASE_TIMEOUT_MS, TIMEOUT_MS));
    base = SharedServers.base(server);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @AfterEach
  void tableBack() throws Exception {
    try (Admin admin = SharedHBase.connection().getAdmin()) {
      if (admin.isTableDisabled(RecoTables.MODELS.tableName())) {
        admin.enableTable(RecoTables.MODELS.tableName());
      }
    }
  }

  private static void offline() throws Exception {
    try (Admin admin = SharedHBase.connection().getAdmin()) {
      admin.disableTable(RecoTables.MODELS.tableName());
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRequestIsAnswered503WithRetryAfterWithinTheTimeout() throws Exception {
    offline();
    long started = System.nanoTime();
    HttpResponse<String> response = get(base + "/v1/items/a/similar");
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(503, response.statusCode(), response.body());
    assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
    assertEquals("the model store does not answer; retry shortly",
        JSON.readTree(response.body()).get("error").asText());
    assertTrue(millis < 3 * TIMEOUT_MS, "answered after " + millis + " ms; the timeout is " + TIMEOUT_MS);
  }

  @Test
  void readinessIs503AndLivenessStays200() throws Exception {
    offline();
    assertEquals(503, get(base + "/health/ready").statusCode());
    assertEquals(200, get(base + "/health/live").statusCode());
  }

  @Test
  void theServiceRecoversByItselfWhenTheStoreIsBack() throws Exception {
    offline();
    assertEquals(503, get(base + "/v1/items/a/similar").statusCode());
    tableBack();
    HttpResponse<String> after = get(base + "/v1/items/a/similar");
    assertTrue(!after.body().contains("the model store does not answer"), after.body());
  }
}
