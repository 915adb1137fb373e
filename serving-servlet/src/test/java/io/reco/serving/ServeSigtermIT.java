package io.reco.serving;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.hbase.StandaloneHBase;
import io.reco.schema.avro.ScoredItem;
import io.reco.testing.SharedHBase;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} in a JVM of its own, stopped by SIGTERM as a supervisor stops it while clients keep asking: every
 * request it accepted is answered in full, later ones are refused (no connection, or 503 with Retry-After on a
 * connection already open), and it exits 0 within seconds.
 */
class ServeSigtermIT {
  private static final int CLIENTS = 32;

  @Test
  void sigtermUnderLoadAnswersEveryAcceptedRequestAndExitsZero() throws Exception {
    Models.publish(SharedHBase.connection(), "sigterm", List.of(new ScoredItem("b", 0.9)));
    Path site = SharedHBase.get().directory().resolve(StandaloneHBase.SITE_FILE);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/v1/users/alice/recommendations";
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ConcurrentLinkedQueue<String> dropped = new ConcurrentLinkedQueue<>();
    AtomicBoolean signalled = new AtomicBoolean();
    AtomicInteger answeredAfterSignal = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try (ChildJvm serve = ChildJvm.start(RecoServer.class, List.of(
        // generous: this test is about the stop, not about slow first reads or a full queue on a loaded machine
        "-D", RecoServer.HBASE_TIMEOUT_MS + "=5000", "-D", RecoServer.QUEUE_WAIT_MS + "=10000",
        "--host", "127.0.0.1", "--port",
        String.valueOf(port), "--hbase-site", site.toString()), "serving on http://", 60)) {
      // as a load balancer does: no traffic before the server says it is ready
      HttpClient probe = HttpClient.newHttpClient();
      String ready = "http://127.0.0.1:" + port + "/health/ready";
      await().alias("ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> probe.send(HttpRequest.newBuilder(URI.create(ready)).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
      CountDownLatch warm = new CountDownLatch(CLIENTS * 20);
      AtomicBoolean stopClients = new AtomicBoolean();
      for (int c = 0; c < CLIENTS; c++) {
        clients.execute(() -> {
          HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
          while (!stopClients.get()) {
            try {
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200 && r.body().contains("\"model\":\"sigterm\"")) {
                answered.incrementAndGet();
                if (signalled.get()) {
                  answeredAfterSignal.incrementAndGet();
                }
              } else if (signalled.get() && r.statusCode() == 503
                  && "1".equals(r.headers().firstValue("Retry-After").orElse(null))) {
                refused.incrementAndGet(); // a request that came after the signal on an open connection
              } else {
                dropped.add(r.statusCode() + " " + r.body());
              }
            } catch (ConnectException e) {
              refused.incrementAndGet();
            } catch (Exception e) {
              if (!signalled.get()) {
                dropped.add(e.toString());
              } else if (!isRefusal(e)) {
                dropped.add("after SIGTERM: " + e);
              } else {
                refused.incrementAndGet();
              }
            }
            warm.countDown();
          }
        });
      }
      assertTrue(warm.await(60, TimeUnit.SECONDS), "the clients' first requests: " + dropped + serve.log());
      long before = answered.get();
      signalled.set(true);
      long started = System.nanoTime();
      serve.signal("TERM");
      int exit = serve.await(20);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      stopClients.set(true);
      clients.shutdown();
      assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
      assertEquals(0, exit, "exit code " + millis + " ms after SIGTERM; log: " + serve.log());
      assertTrue(before >= CLIENTS * 20L, "answered before the signal: " + before + "; " + dropped);
      assertEquals(List.of(), List.copyOf(dropped), "requests not answered in full; log: " + serve.log());
      assertTrue(millis < 15_000, "exited " + millis + " ms after SIGTERM");
      System.out.println(before + " answered before SIGTERM, " + answeredAfterSignal.get() + " after it, "
          + refused.get() + " refused; exit 0 after " + millis + " ms");
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * Whether a failure is the server refusing or closing a connection on which it had not read a request: the JDK
   * client reports a connection closed before any response as an IOException naming it. A request the server
   * read and dropped would show up as a truncated answer instead.
   */
  private static boolean isRefusal(Exception e) {
    String text = String.valueOf(e.getMessage()) + e.getCause();
    return e instanceof ConnectException || e.getCause() instanceof ConnectException
        || text.contains("Connection refused") || text.contains("closed locally")
        || text.contains("HTTP/1.1 header parser received no bytes")
        || text.contains("Connection reset");
  }
}
