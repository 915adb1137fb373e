package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.schema.Lineage;
import io.reco.schema.ModelRegistry;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.avro.ScoredItem;
import io.reco.testing.SharedHBase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.client.Connection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The business rules, the request filters, diversity, explanations and the A/B experiments, over real HTTP on a
 * catalog of known facts; the rules file rewritten under a running server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesIT {
  private static final ObjectMapper JSON = Api.JSON;
  private static final String VERSION = "v-rules";
  private static final String CANDIDATE = "v-rules-candidate";
  private static final String RULES = "{\"blocklist\":[\"p9\"],\"max_price\":100}";

  @TempDir
  static Path dir;
  private Path rules;
  private RecoServer server;
  private String base;

  @BeforeAll
  void start() throws Exception {
    Connection hbase = SharedHBase.connection();
    List<ScoredItem> popular = Api.list("p9", 10, "p1", 9, "p2", 8, "p3", 7, "p4", 6, "p5", 5, "p6", 4, "p7", 3, "p8", 2);
    Models.publish(hbase, VERSION, Api.list("p7", 0.9, "p1", 0.8, "p4", 0.7, "p6", 0.6));
    Models.put(hbase, RecoTables.POPULAR, PopularLists.GLOBAL, VERSION, popular);
    Models.put(hbase, RecoTables.POPULAR, PopularLists.category("shoes"), VERSION, Api.list("p2", 5, "p1", 4, "s9", 1));
    Models.put(hbase, RecoTables.ITEM_SIMILAR, "x", VERSION, Api.list("p8", 0.9, "p2", 0.2));
    Models.put(hbase, RecoTables.USER_RECENT, "carol", VERSION, Api.list("a", 2.0, "x", 1.0));
    Object[][] catalog = {
        {"p1", "shoes", "acme", 20.0, true, true},
        {"p2", "shoes", "zeta", 80.0, true, true},
        {"p3", "shoes", "acme", 120.0, true, true},
        {"p4", "books", "acme", 10.0, true, false},
        {"p5", "books", "zeta", 15.0, false, true},
        {"p6", "books", "acme", 25.0, true, true},
        {"p7", "toys", "zeta", 5.0, true, true},
        {"p8", "toys", "acme", 50.0, true, true},
        {"p9", "toys", "acme", 1.0, true, true},
        {"s9", "shoes", "zeta", 60.0, true, true},
    };
    for (Object[] item : catalog) {
      Models.item(hbase, VERSION, (String) item[0], (String) item[1], (String) item[2], (Double) item[3],
          (Boolean) item[4], (Boolean) item[5]);
    }
    // a candidate version beside the served one, which an experiment's variant serves
    ModelRegistry registry = new ModelRegistry(hbase);
    registry.register(CANDIDATE, Instant.now());
    registry.recordLineage(CANDIDATE, new Lineage(List.of(), Map.of(), Map.of(), "test", Instant.now()));
    Models.put(hbase, RecoTables.POPULAR, PopularLists.GLOBAL, CANDIDATE, Api.list("p8", 1));
    Models.put(hbase, RecoTables.ITEM_SIMILAR, "a", CANDIDATE, Api.list("p6", 1));
    rules = dir.resolve("rules.json");
    Files.writeString(rules, RULES);
    server = SharedServers.start(conf -> {
      conf.set(RecoServer.RULES_FILE, rules.toString());
      conf.setLong(RecoServer.RULES_REFRESH_MS, 100);
    });
    base = SharedServers.base(server);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  private void rules(String json) throws Exception {
    Path next = dir.resolve("rules.json.next");
    Files.writeString(next, json);
    Files.move(next, rules, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Order(1)
  @ParameterizedTest(name = "GET {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // the rules: p9 blocked, p3 over the price cap, p4 out of stock, p5 inactive
      "/v1/popular|p1,p2,p6,p7,p8 popular",
      "/v1/items/a/similar|p7,p1,p6 similar",
      // filters
      "/v1/users/nobody/recommendations?category=books|p6 popular",
      "/v1/popular?brand=acme|p1,p6,p8 popular",
      "/v1/popular?price_min=10&price_max=30|p1,p6 popular",
      "/v1/popular?brand=zeta&price_max=10|p7 popular",
      "/v1/items/a/similar?category=toys|p7 similar",
      // diversity: at most one of a category
      "/v1/popular?max_per_category=1|p1,p6,p7 popular",
      "/v1/popular?max_per_category=2&k=3&offset=1|p2,p6,p7 popular",
      // an unknown user in a category: the popular items of it, topped up with the category's own list
      "/v1/users/nobody/recommendations?category=shoes&k=3|p1,p2,s9 popular",
      // too few neighbours pass the filter: topped up with the category's popular items
      "/v1/items/a/similar?category=shoes&k=2|p1,p2 similar",
  })
  void everyAnswerObeysTheRulesAndTheRequestsFilters(String path, String expected) throws Exception {
    assertEquals(expected, Api.answer(Api.get(base + path)));
  }

  @Order(1)
  @ParameterizedTest(name = "GET {0} -> 400")
  @CsvSource(delimiter = '|', value = {
      "/v1/popular?price_min=-1|price_min is a price",
      "/v1/popular?price_min=30&price_max=10|price_min (30.0) is above price_max (10.0)",
      "/v1/popular?max_per_category=0|max_per_category is a whole number from 1 to 100",
      "/v1/popular?in_stock=maybe|in_stock is true or false",
      "/v1/items/a/similar?explain=yes|explain is true or false",
  })
  void malformedFiltersAre400NamingTheParameter(String path, String message) throws Exception {
    HttpResponse<String> response = Api.get(base + path);
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(JSON.readTree(response.body()).get("error").asText().startsWith(message), response.body());
  }

  @Order(1)
  @Test
  void explainNamesTheHistoryItemOrTheListEachItemComesFrom() throws Exception {
    // carol had a (strongest) and x: p8 is x's neighbour only, p7 a's; the rest of the answer is popular
    JsonNode items = Api.body(Api.get(base + "/v1/users/carol/recommendations?k=10&explain=true")).get("items");
    Map<String, String> because = new HashMap<>();
    items.forEach(item -> because.put(item.get("id").asText(), item.get("because").toString()));
    assertEquals("{\"item\":\"a\"}", because.get("p7"), items.toString());
    assertEquals("{\"item\":\"x\"}", because.get("p8"), items.toString());
    JsonNode popular = Api.body(Api.get(base + "/v1/popular?k=1&explain=true")).get("items").get(0);
    assertEquals("{\"list\":\"popular\"}", popular.get("because").toString());
    JsonNode plain = Api.body(Api.get(base + "/v1/popular?k=1")).get("items").get(0);
    assertTrue(plain.get("because") == null, plain.toString());
  }

  @Order(2)
  @Test
  void rulesAreReadAgainWhenTheFileChangesAndABrokenFileKeepsTheRulesInForce() throws Exception {
    // toys boosted tenfold, out-of-stock items allowed (but not when the request asks for stock), no price cap
    rules("{\"blocklist\":[\"p9\"],\"hide_out_of_stock\":false,\"boosts\":{\"category\":{\"toys\":10}}}");
    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
        assertEquals("p7,p8,p1,p2,p3,p4,p6 popular", Api.answer(Api.get(base + "/v1/popular"))));
    assertEquals("p7,p8,p1,p2,p3,p6 popular", Api.answer(Api.get(base + "/v1/popular?in_stock=true")));
    // a broken edit: the rules in force stay, for several reload intervals
    rules("{\"blocklist\":\"p9\"}");
    Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50)).until(() -> Api.answer(Api.get(base + "/v1/popular"))
            .equals("p7,p8,p1,p2,p3,p4,p6 popular"));
    rules(RULES);
    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
        assertEquals("p1,p2,p6,p7,p8 popular", Api.answer(Api.get(base + "/v1/popular"))));
  }

  @Order(3)
  @Test
  void usersSplitIntoTheExperimentsVariantsWhichServeTheirModelOrStrategy() throws Exception {
    rules("{\"blocklist\":[\"p9\"],\"max_price\":100,\"experiments\":[{\"name\":\"picks\",\"endpoints\":[\"user_recommendations\"],\"variants\":["
        + "{\"name\":\"control\",\"percent\":50},{\"name\":\"candidate\",\"percent\":30,\"model\":\"" + CANDIDATE
        + "\"},{\"name\":\"hold-out\",\"percent\":20,\"strategy\":\"popular\"}]}]}");
    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
        !Api.body(Api.get(base + "/v1/users/u1/recommendations")).get("variant").asText().equals(Call.NO_VARIANT));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      String user = "u" + i;
      JsonNode body = Api.body(Api.get(base + "/v1/users/" + user + "/recommendations?k=1"));
      String variant = body.get("variant").asText();
      counts.merge(variant, 1, Integer::sum);
      // the same user, the same variant: on every request
      assertEquals(variant, Api.body(Api.get(base + "/v1/users/" + user + "/recommendations?k=1")).get("variant").asText());
      switch (variant) {
        case "picks/control" -> assertEquals(VERSION + " p1", body.get("model").asText() + " "
            + body.get("items").get(0).get("id").asText());
        case "picks/candidate" -> assertEquals(CANDIDATE + " p8", body.get("model").asText() + " "
            + body.get("items").get(0).get("id").asText());
        case "picks/hold-out" -> assertEquals("popular", body.get("strategy").asText());
        default -> throw new AssertionError("no such variant: " + variant);
      }
    }
    // 1,000 users: each share within 5 points (the 1% bound on 100k users is ExperimentTest's)
    assertEquals(500, counts.get("picks/control"), 50, counts.toString());
    assertEquals(300, counts.get("picks/candidate"), 50, counts.toString());
    assertEquals(200, counts.get("picks/hold-out"), 50, counts.toString());
    // endpoints outside the experiment, and requests without a user, take no part
    assertEquals(Call.NO_VARIANT, Api.body(Api.get(base + "/v1/popular?user_id=u1")).get("variant").asText());
    assertEquals(Call.NO_VARIANT, Api.body(Api.get(base + "/v1/items/a/similar")).get("variant").asText());
  }
}
