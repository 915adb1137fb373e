package io.reco.serving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own running a main class of the test class path, as a supervisor runs a service: its output is
 * kept, a start waits for the line that says it is up, and it can be sent signals.
 */
final class ChildJvm implements AutoCloseable {
  private static final List<String> OPENS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens", "java.base/java.io=ALL-UNNAMED",
      "--add-opens", "java.base/java.net=ALL-UNNAMED");

  private final Process process;
  private final StringBuffer log = new StringBuffer();

  private ChildJvm(Process process) {
    this.process = process;
  }

  /** Starts {@code main} with {@code args} and waits up to {@code seconds} for a line starting {@code upLine}. */
  static ChildJvm start(Class<?> main, List<String> args, String upLine, int seconds) throws Exception {
    List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx512m",
        "-Djava.net.preferIPv4Stack=true"));
    command.addAll(OPENS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    ChildJvm child = new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    CompletableFuture<Void> up = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          child.log.append(line).append('\n');
          if (line.startsWith(upLine)) {
            up.complete(null);
          }
        }
      } catch (IOException e) {
        up.completeExceptionally(e);
      }
      up.completeExceptionally(new IllegalStateException(main.getSimpleName() + " ended before '" + upLine + "'"));
    }, main.getSimpleName() + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      up.get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      child.process.destroyForcibly();
      throw new IllegalStateException(main.getSimpleName() + " did not come up in " + seconds + " s: " + e
          + "\n" + child.log, e);
    }
    return child;
  }

  /** Sends {@code signal} (TERM, KILL, STOP, CONT) to the JVM. */
  void signal(String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** Waits for the JVM to end; its exit code, or -1 if it still runs after {@code seconds}. */
  int await(int seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  /** What the JVM printed so far. */
  String log() {
    return log.toString();
  }

  @Override
  public void close() throws Exception {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
