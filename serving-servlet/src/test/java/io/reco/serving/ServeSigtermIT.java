package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.hbase.StandaloneHBase;
import io.reco.testing.SharedHBase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code serve} in a JVM of its own, stopped by SIGTERM as a supervisor stops it: it exits 0, within seconds. */
class ServeSigtermIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final List<String> OPENS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");

  @Test
  void sigtermStopsServingAndExitsZero() throws Exception {
    Path site = SharedHBase.get().directory().resolve(StandaloneHBase.SITE_FILE);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx256m"));
    command.addAll(OPENS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), RecoServer.class.getName(),
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--hbase-site", site.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuffer log = new StringBuffer();
    CompletableFuture<Void> serving = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          log.append(line).append('\n');
          if (line.startsWith("serving on http://")) {
            serving.complete(null);
          }
        }
      } catch (IOException e) {
        serving.completeExceptionally(e);
      }
      serving.completeExceptionally(new IllegalStateException("the server ended before serving"));
    }, "serve-output");
    reader.start();
    try {
      serving.get(60, TimeUnit.SECONDS);
      String live = "http://127.0.0.1:" + port + "/health/live";
      assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(live)).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode(), log.toString());

      long signalled = System.nanoTime();
      process.destroy();
      boolean ended = process.waitFor(15, TimeUnit.SECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
      assertTrue(ended, "still running 15 s after SIGTERM; log: " + log);
      assertEquals(0, process.exitValue(), "exit code " + millis + " ms after SIGTERM; log: " + log);
    } finally {
      process.destroyForcibly();
    }
  }
}
