package io.reco.ansible;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** This host as a one-host inventory for a local connection, and the user and group the tests run as. */
final class Hosts {
  private Hosts() {
  }

  /** An inventory naming this host in {@code group}, reached without ssh or privilege escalation. */
  static Path localInventory(Path dir, String group) throws IOException {
    Path inventory = dir.resolve("hosts.ini");
    Files.writeString(inventory, "[" + group + "]\nlocalhost ansible_connection=local ansible_become=false"
        + " ansible_python_interpreter=/usr/bin/python3\n");
    return inventory;
  }

  /** Writes {@code vars} as a JSON file for {@code -e @file}. */
  static Path extraVars(Path dir, Map<String, Object> vars) throws IOException {
    Path file = dir.resolve("vars.json");
    Files.writeString(file, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(vars));
    return file;
  }

  /** The user the tests run as. */
  static String user() {
    return System.getProperty("user.name");
  }

  /** That user's primary group. */
  static String group() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-gn").redirectErrorStream(true).start();
    String name = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!id.waitFor(10, TimeUnit.SECONDS) || id.exitValue() != 0) {
      throw new IOException("id -gn: " + name);
    }
    return name;
  }
}
