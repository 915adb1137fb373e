package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.ranking.RankingSettings;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.testing.SharedHBase;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.hadoop.hbase.client.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every use case of the API over real HTTP, against a small model written into the shared HBase. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UseCasesIT {
  private static final ObjectMapper JSON = Api.JSON;
  private static final String VERSION = "v-use-cases";

  private RecoServer server;
  private String base;

  @BeforeAll
  void start() throws Exception {
    Connection hbase = SharedHBase.connection();
    // a: similar b, c, d (Models), content g; bought with c and e; bob bought c
    Models.publish(hbase, VERSION, Api.list("b", 0.9, "c", 0.6, "d", 0.3));
    Models.put(hbase, RecoTables.ITEM_SIMILAR, "x", VERSION, Api.list("d", 0.8, "e", 0.5));
    Models.put(hbase, RecoTables.ITEM_SIMILAR, "w", VERSION, Api.list("b", 0.4));
    Models.put(hbase, RecoTables.ITEM_TOGETHER, "a", VERSION, Api.list("c", 5.0, "e", 2.0));
    Models.put(hbase, RecoTables.ITEM_TOGETHER, "x", VERSION, Api.list("e", 4.0, "f", 1.0));
    Models.put(hbase, RecoTables.ITEM_CONTENT, "a", VERSION, Api.list("g", 0.2));
    Models.put(hbase, RecoTables.ITEM_CONTENT, "n", VERSION, Api.list("a", 0.7, "c", 0.4));
    Models.put(hbase, RecoTables.ITEM_NEXT, "a", VERSION, Api.list("b", 0.5, "c", 0.9));
    Models.put(hbase, RecoTables.ITEM_NEXT, "b", VERSION, Api.list("d", 0.7));
    Models.put(hbase, RecoTables.USER_EXCLUDED, "bob", VERSION, Api.list("c", 1.7e9));
    Models.put(hbase, RecoTables.POPULAR, PopularLists.category("shoes"), VERSION, Api.list("s1", 9.0, "s2", 4.0));
    Models.put(hbase, RecoTables.POPULAR, PopularLists.TRENDING, VERSION, Api.list("d", 3.0, "b", 2.0));
    // z: in the catalog (category shoes), no behaviour, no content neighbours
    Models.item(hbase, VERSION, "z", "shoes", null, 12.5, true, true);
    Models.item(hbase, VERSION, "s1", "shoes", null, 30.0, true, true);
    Models.item(hbase, VERSION, "s2", "shoes", null, 40.0, true, true);
    server = SharedServers.start(conf -> {
      conf.set(RankingSettings.SESSION_DECAY, "0.5");
      conf.set(RankingSettings.SESSION_POPULARITY_WEIGHT, "0");
    });
    base = SharedServers.base(server);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  /** "ids strategy" of a 200 answer of this model, such as "b,c,d similar". */
  private static String answer(HttpResponse<String> response) throws Exception {
    assertEquals(VERSION, Api.body(response).get("model").asText());
    return Api.answer(response);
  }

  @ParameterizedTest(name = "GET {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // similar items, topped up with content neighbours; a new item's content neighbours; a catalogued item
      // without either: its category's popular items
      "/v1/items/a/similar|b,c,d,g similar",
      "/v1/items/a/similar?exclude=c,g|b,d similar",
      "/v1/items/a/similar?k=2&offset=1|c,d similar",
      "/v1/items/a/similar?user_id=bob|b,d,g similar",
      "/v1/items/n/similar|a,c content",
      "/v1/items/z/similar|s1,s2 category-popular",
      // bought together, topped up with similar items; an item never bought with another: its similar items
      "/v1/items/a/bought-together|c,e,b,d bought-together",
      "/v1/items/a/bought-together?user_id=bob&k=2|e,b bought-together",
      "/v1/items/w/bought-together|b similar",
      // popular and trending, global and per category; trending topped up with popular, popular where none trends
      "/v1/popular|a,b,d,c popular",
      "/v1/popular?category=shoes&k=1|s1 popular",
      "/v1/trending|d,b,a,c trending",
      "/v1/trending?category=shoes|s1,s2 popular",
      // top picks with an explicit exclusion on top of the model's (alice had a)
      "/v1/users/alice/recommendations?k=3&exclude=b|d,c personalized",
      "/v1/users/nobody/recommendations?k=2&exclude=a|b,d popular",
  })
  void getEndpointsAnswerTheModelsListsWithTheirRules(String path, String expected) throws Exception {
    assertEquals(expected, answer(Api.get(base + path)));
  }

  @Test
  void cartAddOnsSumWhatIsBoughtWithEachItemThenSimilarThenPopularNeverTheCart() throws Exception {
    // bought with a: c 1, e 0.4; with x: e 1, f 0.25; then similar: d 0.33 + 1, b 1
    assertEquals("e,c,f,d,b bought-together", answer(Api.post(base + "/v1/cart/addons",
        "{\"items\":[\"a\",\"x\"],\"k\":5}")));
    assertEquals("e,f,d,b bought-together", answer(Api.post(base + "/v1/cart/addons",
        "{\"items\":[\"a\",\"x\"],\"k\":4,\"user_id\":\"bob\"}")));
    assertEquals("b,d,c popular", answer(Api.post(base + "/v1/cart/addons", "{\"items\":[\"unknown\",\"a-new-one\"],"
        + "\"exclude\":[\"a\"],\"k\":3}")));
    // the JSON body as curl -d sends it, typed as a form, with k in the query
    assertEquals("e,c bought-together", answer(Api.post(base + "/v1/cart/addons?k=2", "{\"items\":[\"a\",\"x\"]}",
        "application/x-www-form-urlencoded")));
  }

  @Test
  void anAnonymousSessionGetsWhatVisitorsGoOnToNeverTheItemOnScreen() throws Exception {
    // newest b weighs 1: d 0.7; a weighs 0.5: c 0.45 (b is on screen); then popular: a
    assertEquals("d,c,a personalized", answer(Api.post(base + "/v1/session/recommendations",
        "{\"items\":[\"a\",\"b\"],\"k\":3}")));
    assertEquals("a,d,c popular", answer(Api.post(base + "/v1/session/recommendations",
        "{\"items\":[\"never-seen\"],\"exclude\":[\"b\"],\"k\":3}")));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "POST|/v1/cart/addons||400|the body is a JSON object, such as {\"items\":[\"item-1\",\"item-2\"]}",
      "POST|/v1/cart/addons|{\"items\":|400|the body is not JSON",
      "POST|/v1/cart/addons|[1,2]|400|the body is a JSON object",
      "POST|/v1/cart/addons|{}|400|the body names its 'items': an array of ids",
      "POST|/v1/cart/addons|{\"items\":\"a\"}|400|'items' is an array of ids",
      "POST|/v1/cart/addons|{\"items\":[]}|400|'items' holds 1 to 50 ids; this one 0",
      "POST|/v1/cart/addons|{\"items\":[{\"id\":\"a\"}]}|400|'items' holds ids, strings or whole numbers; not object",
      "POST|/v1/cart/addons|{\"items\":[\"a\"],\"k\":0}|400|k must be from 1 to 100, was 0",
      "POST|/v1/cart/addons|{\"items\":[\"a\"],\"k\":[1]}|400|'k' is a single value, not array",
      "POST|/v1/session/recommendations|{\"items\":[\"\"]}|400|'items' is never empty",
      "GET|/v1/trending?category=||400|'category' is never empty",
      "GET|/v1/popular?category=hats||404|no popular items of category 'hats' in model v-use-cases",
      "GET|/v1/items/unknown/similar||404|unknown item 'unknown': no similar items in model v-use-cases",
      "GET|/v1/items/n/bought-together||404|unknown item 'n': nothing bought with it or similar to it in model"
          + " v-use-cases",
      "GET|/v1/cart/addons||405|GET is not allowed on /v1/cart/addons; POST is",
      "POST|/v1/items/a/similar|{}|405|POST is not allowed; the API answers GET (and HEAD)",
      "GET|/v1/items/a/similar?exclude=a,%01||400|an id is text without control characters",
      "POST|/v1/feedback|{\"item_id\":\"a\"}|400|'request_id' is required",
      "POST|/v1/feedback|{\"request_id\":\"r1\",\"item_id\":\"\"}|400|'item_id' is never empty",
      "POST|/v1/feedback|{\"request_id\":\"r1\",\"item_id\":\"a\"}|503|this service logs no feedback:"
          + " reco.feedback.bootstrap-servers is empty",
  })
  void badRequestsAreClientErrorsInJson(String method, String path, String body, int status, String error)
      throws Exception {
    HttpResponse<String> response = "GET".equals(method) ? Api.get(base + path)
        : Api.post(base + path, body == null ? "" : body);
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(JSON.readTree(response.body()).get("error").asText().startsWith(error), response.body());
    if (status == 405) {
      assertEquals("GET".equals(method) ? "POST" : "GET, HEAD", response.headers().firstValue("Allow").orElse(""));
    }
  }
}
