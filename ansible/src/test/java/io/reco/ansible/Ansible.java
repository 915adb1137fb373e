package io.reco.ansible;

import io.reco.testing.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Ansible's commands ({@code ansible-playbook}, {@code ansible-lint}) in the {@code ansible/} directory, as an
 * operator does, with their output kept. A test that needs them is skipped where they are missing, and fails
 * under {@code CI=true} ({@link Prerequisites}).
 */
final class Ansible {
  /** The {@code ansible/} directory: this module's base directory. */
  static final Path HOME = Path.of("").toAbsolutePath();

  /** What a command printed, and how it ended. */
  record Run(List<String> command, int exitCode, String output) {
    /** The output, prefixed by the command line, for assertion messages. */
    String report() {
      return String.join(" ", command) + " -> exit " + exitCode + "\n" + output;
    }
  }

  private Ansible() {
  }

  /** The executable {@code program} on the PATH, required ({@link Prerequisites}). */
  static Path require(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Prerequisites.require(false, "no " + program + " on the PATH (.ci/run installs it: apt-get install ansible"
        + " ansible-lint systemd prometheus)");
    throw new IllegalStateException("unreachable");
  }

  /** Runs {@code command} in {@link #HOME} with {@code environment} added, for at most {@code seconds}. */
  static Run run(List<String> command, Map<String, String> environment, long seconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("ansible-run", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      // plain output, whatever the terminal: the assertions read it
      builder.environment().put("ANSIBLE_NOCOLOR", "1");
      builder.environment().put("ANSIBLE_FORCE_COLOR", "0");
      builder.environment().put("NO_COLOR", "1");
      builder.environment().put("ANSIBLE_CONFIG", HOME.resolve("ansible.cfg").toString());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        return new Run(command, -1, Files.readString(log, StandardCharsets.UTF_8) + "\n(killed after " + seconds
            + " s)");
      }
      return new Run(command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** {@code ansible-playbook} with {@code arguments}. */
  static Run playbook(List<String> arguments, long seconds) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(require("ansible-playbook").toString()));
    command.addAll(arguments);
    return run(command, Map.of(), seconds);
  }
}
