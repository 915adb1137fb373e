package io.reco.ingest.external;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The product metadata API on 127.0.0.1, answering each path and query from a script: the n-th request gets the
 * n-th reply, the last reply repeats. A stalled reply holds its request until the test ends.
 */
final class FakeMetadataApi implements AutoCloseable {
  /** One scripted answer. */
  record Reply(int status, String body, String retryAfter, boolean stalls) {
    static Reply ok(String body) {
      return new Reply(200, body, null, false);
    }

    static Reply status(int status, String body) {
      return new Reply(status, body, null, false);
    }

    static Reply stalled() {
      return new Reply(0, null, null, true);
    }

    Reply retryAfter(String value) {
      return new Reply(status, body, value, stalls);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, List<Reply>> script = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);

  FakeMetadataApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Scripts the replies to {@code pathAndQuery}. */
  void on(String pathAndQuery, Reply... replies) {
    script.put(pathAndQuery, List.of(replies));
  }

  /** The absolute URL of {@code pathAndQuery}. */
  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  /** Requests seen so far, by path and query. */
  Map<String, Integer> hits() {
    Map<String, Integer> out = new TreeMap<>();
    hits.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String key = exchange.getRequestURI().toString();
    int n = hits.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    List<Reply> replies = script.get(key);
    Reply reply = replies == null ? Reply.status(404, "{\"error\":\"no such page\"}")
        : replies.get(Math.min(n, replies.size()) - 1);
    try (exchange) {
      if (reply.stalls()) {
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (reply.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
      }
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
