package io.reco.serving;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.hbase.StandaloneHBase;
import io.reco.schema.SchemaAdmin;
import io.reco.schema.avro.ScoredItem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service while the HBase it reads - a standalone HBase in a JVM of its own, as in production - is suspended
 * ({@code kill -STOP}), then killed ({@code kill -9}) and restarted on new ports: requests are answered 503 within
 * the HBase timeout, liveness keeps answering under 250 waiting requests, readiness says 503 within one refresh
 * interval, and the service recovers by itself, re-reading {@code hbase-site.xml}, without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HBaseFaultsIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_MS = 1000;
  private static final long REFRESH_MS = 500;
  private Path dir;
  private ChildJvm hbase;
  private RecoServer server;
  private String base;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("reco-faults-hbase");
    hbase = startHBase();
    try (Connection connection = ConnectionFactory.createConnection(siteConf())) {
      try (Admin admin = connection.getAdmin()) {
        assertTrue(new SchemaAdmin(admin).ensure().ok());
      }
      Models.publish(connection, "faults", List.of(new ScoredItem("b", 0.9)));
    }
    Configuration conf = new Configuration(io.reco.records.Settings.create());
    conf.addResource(new org.apache.hadoop.fs.Path(site().toUri()));
    conf.setLong(RecoServer.HBASE_TIMEOUT_MS, TIMEOUT_MS);
    conf.setLong(RecoServer.MODEL_REFRESH_MS, REFRESH_MS);
    conf.setLong(RecoServer.RECONNECT_AFTER_MS, 2000);
    conf.setLong(RecoServer.CACHE_TTL_MS, 0);
    server = RecoServer.start(conf, "127.0.0.1", 0);
    base = SharedServers.base(server);
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (hbase != null) {
      hbase.close();
    }
  }

  private ChildJvm startHBase() throws Exception {
    return ChildJvm.start(StandaloneHBase.class, List.of(dir.toString()), "HBase running over", 180);
  }

  private Path site() {
    return dir.resolve(StandaloneHBase.SITE_FILE);
  }

  private Configuration siteConf() {
    Configuration conf = HBaseConfiguration.create();
    conf.addResource(new org.apache.hadoop.fs.Path(site().toUri()));
    return conf;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** How long a request took, asserting it was a 503 with Retry-After. */
  private long assert503(String url) throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = get(url);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(503, response.statusCode(), response.body());
    assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
    assertTrue(JSON.readTree(response.body()).get("error").isTextual(), response.body());
    return millis;
  }

  /** Polls {@code url} until it answers 200 with the model; how long that took, ms. */
  private long awaitServed(String url, int seconds) {
    long started = System.nanoTime();
    await().alias("served again").atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          HttpResponse<String> response = get(url);
          return response.statusCode() == 200 && response.body().contains("\"model\":\"faults\"");
        });
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  /** Polls {@code url} every 50 ms, for at most 30 s, until it answers {@code status}; ms since {@code since}. */
  private static long awaitStatus(String url, int status, long since) {
    await().alias(url + " answers " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> get(url).statusCode() == status);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
  }

  @Test
  @Order(1)
  void servesWhileHBaseAnswers() throws Exception {
    awaitServed(base + "/v1/users/alice/recommendations", 30);
    // readiness is the refresh timer's verdict: ready once its first check of the tables has passed
    awaitStatus(base + "/health/ready", 200, System.nanoTime());
  }

  @Test
  @Order(2)
  void aSuspendedHBaseIs503WithinTheTimeoutAndLivenessAnswersUnder250WaitingRequests() throws Exception {
    hbase.signal("STOP");
    long stopped = System.nanoTime();
    try {
      long millis = assert503(base + "/v1/users/alice/recommendations");
      assertTrue(millis < 3 * TIMEOUT_MS, "answered after " + millis + " ms; the timeout is " + TIMEOUT_MS);

      List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        waiting.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/items/a/similar"))
            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
      }
      long started = System.nanoTime();
      HttpResponse<String> live = get(base + "/health/live");
      long liveMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertEquals(200, live.statusCode());
      assertTrue(liveMillis < 1000, "liveness answered after " + liveMillis + " ms under 250 waiting requests");
      long readyMillis = awaitStatus(base + "/health/ready", 503, stopped);
      assertTrue(readyMillis <= REFRESH_MS + 2 * TIMEOUT_MS + 500, "readiness said 503 " + readyMillis
          + " ms into the stall; the refresh interval is " + REFRESH_MS + " ms, the timeout " + TIMEOUT_MS);
      for (CompletableFuture<HttpResponse<String>> request : waiting) {
        HttpResponse<String> answer = request.get(30, TimeUnit.SECONDS);
        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("1", answer.headers().firstValue("Retry-After").orElse(null));
      }
      long allMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(allMillis < 15_000, "250 waiting requests answered 503 after " + allMillis + " ms");
    } finally {
      hbase.signal("CONT");
    }
    long recovered = awaitServed(base + "/v1/users/alice/recommendations", 60);
    System.out.println("served again " + recovered + " ms after HBase resumed");
  }

  @Test
  @Order(3)
  void aKilledHBaseRestartedOnNewPortsIsFoundAgainWithoutARestart() throws Exception {
    int oldPort = siteConf().getInt(HConstants.ZOOKEEPER_CLIENT_PORT, -1);
    hbase.signal("KILL");
    long killed = System.nanoTime();
    assertNotEquals(-1, hbase.await(30));
    long millis = assert503(base + "/v1/users/alice/recommendations");
    assertTrue(millis < 3 * TIMEOUT_MS, "answered after " + millis + " ms; the timeout is " + TIMEOUT_MS);
    long readyMillis = awaitStatus(base + "/health/ready", 503, killed);
    assertTrue(readyMillis <= REFRESH_MS + 2 * TIMEOUT_MS + 500, "readiness said 503 " + readyMillis
        + " ms after the kill");
    assertEquals(200, get(base + "/health/live").statusCode());

    hbase = startHBase();
    int newPort = siteConf().getInt(HConstants.ZOOKEEPER_CLIENT_PORT, -1);
    assertNotEquals(oldPort, newPort, "the restarted HBase's ZooKeeper port");
    long recovered = awaitServed(base + "/v1/users/alice/recommendations", 120);
    System.out.println("served again " + recovered + " ms after HBase restarted on ZooKeeper port " + newPort
        + " (was " + oldPort + ")");
    long readyAgain = awaitStatus(base + "/health/ready", 200, System.nanoTime());
    assertTrue(readyAgain <= REFRESH_MS + 2 * TIMEOUT_MS + 500, "ready again " + readyAgain + " ms after serving");
  }
}
