package io.reco.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring role's Prometheus files, rendered from its defaults, and the dashboard's queries, as Prometheus's
 * own {@code promtool} checks them. (That the metrics they name exist is {@link RecoServiceRoleIT}'s to check.)
 */
class PrometheusConfigTest {
  private static final Path ROLE = Ansible.HOME.resolve("roles/monitoring");

  @TempDir
  Path dir;

  @Test
  void theAlertRulesAreValid() throws Exception {
    Ansible.Run check = promtool("check", "rules", render("reco-alerts.yml").toString());
    assertEquals(0, check.exitCode(), check.report());
    assertTrue(check.output().contains("SUCCESS: 7 rules found"), check.report());
  }

  @Test
  void theScrapeConfigurationIsValid() throws Exception {
    // the site's prometheus.yml with the role's fragment in it (Debian's promtool predates scrape_config_files)
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 15s\n" + Files.readString(render("reco-scrape.yml")));
    Ansible.Run check = promtool("check", "config", config.toString());
    assertEquals(0, check.exitCode(), check.report());
  }

  @Test
  void everyQueryOfTheDashboardIsValidPromql() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(ROLE.resolve("files/reco-dashboard.json").toFile());
    List<String> rules = new ArrayList<>(List.of("groups:", "  - name: dashboard", "    rules:"));
    int n = 0;
    for (JsonNode expr : dashboard.findValues("expr")) {
      // Grafana's variables, as it substitutes them
      String query = expr.asText().replace("$__rate_interval", "1m").replace("$__range", "6h")
          .replace("$instance", ".*");
      rules.add("      - record: dashboard:query_" + n++);
      rules.add("        expr: " + new ObjectMapper().writeValueAsString(query));
    }
    Path file = dir.resolve("dashboard-queries.yml");
    Files.write(file, rules);
    Ansible.Run check = promtool("check", "rules", file.toString());
    assertEquals(0, check.exitCode(), check.report());
    assertTrue(n >= 20, "queries: " + n);
  }

  private Path render(String name) throws Exception {
    Path out = dir.resolve(name);
    Ansible.Run run = Ansible.run(List.of(Ansible.require("ansible").toString(), "localhost", "-i", "localhost,",
        "-c", "local", "-m", "ansible.builtin.template", "-a", "src=" + ROLE.resolve("templates/" + name + ".j2")
        + " dest=" + out, "-e", "@" + ROLE.resolve("defaults/main.yml")), Map.of(), 120);
    assertEquals(0, run.exitCode(), run.report());
    return out;
  }

  private static Ansible.Run promtool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(Ansible.require("promtool").toString()));
    command.addAll(List.of(arguments));
    return Ansible.run(command, Map.of(), 60);
  }
}
