package io.reco.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.hbase.StandaloneHBase;
import io.reco.schema.ModelRegistry;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.RowKeys;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import io.reco.testing.SharedHBase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * site.yml applied to this host as the one host of {@code reco_serving}, with a local connection, into a
 * temporary prefix: the reco_service role installs the service's distribution, configures it for the shared
 * in-process HBase, starts it with the distribution's script (no systemd here) and waits for {@code /health/ready};
 * the service then answers with the model published before. A second run changes nothing; the metrics the
 * dashboard and the alerts name are the ones it exports; {@code reco_service_state=stopped} stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoServiceRoleIT {
  private static final String VERSION = "v20261203-120000";
  private static final Pattern RECAP = Pattern.compile(
      "localhost\\s*:\\s*ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Path dir;
  private static Path inventory;
  private static Path vars;
  private static int port;
  private static Ansible.Run first;
  private static long firstMillis;

  @BeforeAll
  static void applyTheRole() throws Exception {
    Ansible.require("ansible-playbook");
    Connection connection = SharedHBase.connection();
    publish(connection);
    dir = Files.createTempDirectory("reco-service-role");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("reco_service_dist_src", distribution().toString());
    v.put("reco_service_prefix", dir.resolve("opt").toString());
    v.put("reco_service_conf_dir", dir.resolve("etc").toString());
    v.put("reco_service_log_dir", dir.resolve("log").toString());
    v.put("reco_service_state_dir", dir.resolve("state").toString());
    // a container has no systemd: the distribution's own script with its pid file
    v.put("reco_service_manager", "script");
    v.put("reco_service_create_user", false);
    v.put("reco_service_user", Hosts.user());
    v.put("reco_service_group", Hosts.group());
    v.put("reco_service_install_java", false);
    v.put("reco_service_java_home", System.getProperty("java.home"));
    v.put("reco_service_host", "127.0.0.1");
    v.put("reco_service_port", port);
    v.put("reco_service_heap", "512m");
    v.put("reco_service_hbase_site_src", SharedHBase.get().directory().resolve(StandaloneHBase.SITE_FILE)
        .toString());
    v.put("reco_service_settings", Map.of("reco.serving.model-refresh-ms", 500));
    v.put("reco_service_health_retries", 90);
    v.put("reco_service_health_delay", 1);
    inventory = Hosts.localInventory(dir, "reco_serving");
    vars = Hosts.extraVars(dir, v);
    long started = System.nanoTime();
    first = site();
    firstMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("site.yml, first run: " + firstMillis + " ms\n" + first.output());
  }

  @AfterAll
  static void stopWhateverRuns() throws Exception {
    if (dir == null) {
      return;
    }
    // whatever a failed test left: a service outliving the test JVM would hold its port
    Path script = dir.resolve("opt/current/bin/reco-serving");
    if (Files.exists(script)) {
      ProcessBuilder stop = new ProcessBuilder(script.toString(), "stop").redirectErrorStream(true);
      stop.environment().put("RECO_SERVING_CONF_DIR", dir.resolve("etc").toString());
      stop.start().waitFor();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  @Order(1)
  void theRoleStartsTheServiceAndWaitsUntilItIsReady() {
    assertEquals(0, first.exitCode(), first.report());
    assertTrue(first.output().contains("serves model " + VERSION), first.report());
    assertEquals(List.of("0", "0"), recap(first).subList(2, 4), first.report());
  }

  @Test
  @Order(2)
  void theServiceAnswersReadyWithThePublishedModel() throws Exception {
    HttpResponse<String> ready = get("/health/ready");
    assertEquals(200, ready.statusCode(), ready.body());
    assertEquals(VERSION, new ObjectMapper().readTree(ready.body()).get("model").asText());
  }

  @Test
  @Order(3)
  void theServiceRunsFromTheReleaseTheRoleUnpacked() throws IOException {
    Path current = dir.resolve("opt/current");
    assertTrue(Files.isSymbolicLink(current));
    assertTrue(Files.readSymbolicLink(current).getFileName().toString().startsWith("reco-serving-"),
        Files.readSymbolicLink(current).toString());
    String pid = Files.readString(dir.resolve("state/reco-serving.pid")).strip();
    String cmdline = Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
    assertTrue(cmdline.contains("io.reco.serving.RecoServer") && cmdline.contains("-XX:+UseZGC")
        && cmdline.contains("--add-opens") && cmdline.contains("--port " + port), cmdline);
  }

  @Test
  @Order(4)
  void aSecondRunChangesNothing() throws Exception {
    Ansible.Run again = site();
    assertEquals(0, again.exitCode(), again.report());
    assertEquals("0", recap(again).get(1), "changed tasks on the second run:\n" + again.report());
  }

  @Test
  @Order(5)
  void everyMetricTheDashboardAndTheAlertsNameIsExported() throws Exception {
    // one answer of each kind registers the request and HBase timers
    assertEquals(200, get("/v1/popular?k=2").statusCode());
    get("/v1/users/alice/recommendations?k=2");
    HttpResponse<String> scrape = get("/metrics");
    assertEquals(200, scrape.statusCode());
    Set<String> exported = new TreeSet<>();
    scrape.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .forEach(l -> exported.add(l.split("[{ ]", 2)[0]));
    Set<String> named = new TreeSet<>();
    JsonNode dashboard = new ObjectMapper().readTree(Ansible.HOME.resolve(
        "roles/monitoring/files/reco-dashboard.json").toFile());
    List<String> expressions = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
    expressions.add(Files.readString(Ansible.HOME.resolve("roles/monitoring/templates/reco-alerts.yml.j2")));
    Matcher metric = Pattern.compile("\\b((?:reco|jvm|jetty|cache|process|system)_[a-z0-9_]+)\\b").matcher(
        String.join("\n", expressions));
    while (metric.find()) {
      named.add(metric.group(1));
    }
    assertTrue(named.size() >= 15, "metrics named: " + named);
    named.removeAll(exported);
    assertEquals(Set.of(), named, "named by the dashboard or the alerts but not exported; exported: " + exported);
  }

  @Test
  @Order(6)
  void theRoleStopsTheServiceWhenAskedTo() throws Exception {
    Ansible.Run stop = Ansible.playbook(List.of("-i", inventory.toString(), "-e", "@" + vars, "-e",
        "reco_service_state=stopped", "site.yml"), 600);
    assertEquals(0, stop.exitCode(), stop.report());
    assertEquals("0", recap(stop).get(3), stop.report());
    assertFalse(Files.exists(dir.resolve("state/reco-serving.pid")));
    assertThrows(ConnectException.class, () -> get("/health/live"));
  }

  private static Ansible.Run site() throws Exception {
    return Ansible.playbook(List.of("-i", inventory.toString(), "-e", "@" + vars, "site.yml"), 600);
  }

  /** ok, changed, unreachable, failed of the play recap. */
  private static List<String> recap(Ansible.Run run) {
    Matcher m = RECAP.matcher(run.output());
    assertTrue(m.find(), "no play recap:\n" + run.report());
    return List.of(m.group(1), m.group(2), m.group(3), m.group(4));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The distribution the build made (serving-servlet, copied to target/dist by this module's pom). */
  private static Path distribution() throws IOException {
    Path dist = Path.of(System.getProperty("reco.serving.dist.dir", "target/dist"));
    try (Stream<Path> files = Files.list(dist)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-dist.tar.gz")).findFirst()
          .orElseThrow(() -> new IOException("no *-dist.tar.gz in " + dist));
    }
  }

  /** A published model: the registry's active version and a popular list, what /health/ready and /v1 read. */
  private static void publish(Connection connection) throws Exception {
    ModelRegistry registry = new ModelRegistry(connection);
    registry.register(VERSION, Instant.now());
    try (Table table = connection.getTable(RecoTables.POPULAR.tableName())) {
      table.put(new Put(RowKeys.of(PopularLists.GLOBAL)).add(ScoredLists.cell(RecoTables.POPULAR,
          PopularLists.GLOBAL, VERSION, List.of(new ScoredItem("a", 1.0), new ScoredItem("b", 0.5)))));
    }
    registry.activate(VERSION);
  }
}
