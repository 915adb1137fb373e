package io.reco.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The playbook as CI checks it: {@code ansible-playbook --syntax-check} and {@code ansible-lint}, no finding. */
class PlaybookTest {
  @Test
  void siteYmlPassesTheSyntaxCheckWithTheExampleInventory() throws Exception {
    Ansible.Run run = Ansible.playbook(List.of("-i", "inventory/example/hosts.ini", "--syntax-check", "site.yml"),
        120);
    assertEquals(0, run.exitCode(), run.report());
  }

  @Test
  void ansibleLintFindsNothingUnderTheProductionProfile() throws Exception {
    List<String> command = new ArrayList<>(List.of(Ansible.require("ansible-lint").toString(), "--offline",
        "--strict", "--profile", "production", "--nocolor", "-p"));
    Ansible.Run run = Ansible.run(command, Map.of(), 300);
    assertEquals(0, run.exitCode(), run.report());
    // -p prints one "path:line: rule: message" line per finding
    List<String> findings = run.output().lines().filter(l -> l.matches("^\\S+:\\d+(:\\d+)?: .*")).toList();
    assertEquals(List.of(), findings, run.report());
  }

  @Test
  void theLintConfigurationSkipsNoRule() throws IOException {
    String config = Files.readString(Ansible.HOME.resolve(".ansible-lint"));
    assertFalse(config.contains("skip_list"), config);
    assertFalse(config.contains("warn_list"), config);
  }

  @Test
  void everyPlayOfSiteYmlNamesAnInventoryGroupOfTheExample() throws IOException {
    String inventory = Files.readString(Ansible.HOME.resolve("inventory/example/hosts.ini"));
    List<String> hosts = Files.readAllLines(Ansible.HOME.resolve("site.yml")).stream()
        .filter(l -> l.startsWith("  hosts: ")).map(l -> l.substring("  hosts: ".length()).strip()).toList();
    assertEquals(4, hosts.size(), "plays: " + hosts);
    for (String group : hosts) {
      assertTrue(inventory.contains("[" + group + "]"), group + " is no group of the example inventory");
      assertTrue(Files.isRegularFile(Ansible.HOME.resolve("inventory/example/group_vars/" + group + ".yml")),
          group + " has no group_vars file");
    }
    assertTrue(Files.isDirectory(Path.of("roles")));
  }
}
