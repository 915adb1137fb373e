package io.reco.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business rules ({@link Rules}) of a JSON file, read again whenever it changes, without a restart: a timer of
 * its own compares the file's bytes every {@code refreshMillis}. A file that cannot be read or does not parse at
 * start stops the start with the file and the field named; later, it is logged and the rules in force are kept.
 * Without a file, the default rules apply.
 */
final class RulesFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RulesFile.class);

  private final Path file;
  private final ScheduledExecutorService timer;
  private volatile Rules rules = Rules.DEFAULT;
  private byte[] bytes;

  /** The default rules, never reloaded. */
  RulesFile() {
    this.file = null;
    this.timer = null;
  }

  /** The rules of {@code file}; an {@link IllegalArgumentException} naming it when they are not valid. */
  RulesFile(Path file, long refreshMillis) {
    this.file = file;
    try {
      load(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the rules file " + file + ": " + e.getMessage(), e);
    }
    if (refreshMillis <= 0) {
      this.timer = null;
    } else {
      this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rules-reload");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleWithFixedDelay(this::reload, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** The rules in force. */
  Rules rules() {
    return rules;
  }

  /** Reads the file again if its bytes changed; keeps the rules in force if it cannot or they are not valid. */
  void reload() {
    byte[] read;
    try {
      read = Files.readAllBytes(file);
    } catch (IOException e) {
      LOG.error("cannot read the rules file {} ({}); the rules read before stay in force", file, e.getMessage());
      return;
    }
    if (Arrays.equals(read, bytes)) {
      return;
    }
    try {
      load(read);
      LOG.info("rules read again from {}", file);
    } catch (IllegalArgumentException e) {
      bytes = read;
      LOG.error("{}; the rules read before stay in force", e.getMessage());
    }
  }

  private void load(byte[] read) {
    Rules parsed;
    try {
      parsed = Rules.parse(JsonServlet.JSON.readTree(read));
    } catch (IOException e) {
      throw new IllegalArgumentException("the rules file " + file + " is not JSON: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the rules file " + file + ": " + e.getMessage(), e);
    }
    bytes = read;
    rules = parsed;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
