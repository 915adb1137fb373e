package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.hbase.StandaloneHBase;
import io.reco.testing.SharedHBase;
import java.io.File;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} in a JVM of its own, stopped by SIGTERM as a supervisor stops it: it exits 0, within seconds. */
class ServeSigtermIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final List<String> OPENS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");

  @TempDir
  Path dir;

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
    File log = dir.resolve("serve.log").toFile();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    try {
      String live = "http://127.0.0.1:" + port + "/health/live";
      int status = 0;
      for (int i = 0; i < 600 && status != 200 && process.isAlive(); i++) {
        try {
          status = HTTP.send(HttpRequest.newBuilder(URI.create(live)).build(), HttpResponse.BodyHandlers.ofString())
              .statusCode();
        } catch (ConnectException notYet) {
          TimeUnit.MILLISECONDS.sleep(100);
        }
      }
      assertEquals(200, status, "never served; log: " + Files.readString(log.toPath()));

      long signalled = System.nanoTime();
      process.destroy();
      boolean ended = process.waitFor(15, TimeUnit.SECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
      assertTrue(ended, "still running 15 s after SIGTERM; log: " + Files.readString(log.toPath()));
      assertEquals(0, process.exitValue(), "exit code " + millis + " ms after SIGTERM; log: "
          + Files.readString(log.toPath()));
    } finally {
      process.destroyForcibly();
    }
  }
}
