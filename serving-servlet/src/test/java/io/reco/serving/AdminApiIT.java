package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.schema.ModelRegistry;
import io.reco.schema.avro.ScoredItem;
import io.reco.testing.SharedHBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operator's API on its own port: a promotion and a rollback are served at once, the cache is flushed, and
 * nothing happens without the token; the public port has no admin API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret-admin-token";
  private RecoServer server;
  private String admin;

  @BeforeAll
  void start() throws Exception {
    Models.publish(SharedHBase.connection(), "adm2", List.of(new ScoredItem("y", 0.4)));
    Models.publish(SharedHBase.connection(), "adm1", List.of(new ScoredItem("x", 0.6)));
    server = SharedServers.start(conf -> {
      conf.setLong(RecoServer.MODEL_REFRESH_MS, 60_000); // only the admin API changes what is served here
      conf.setInt(RecoServer.ADMIN_PORT, 0);
      conf.set(RecoServer.ADMIN_TOKEN, TOKEN);
    });
    admin = "http://127.0.0.1:" + server.adminPort().orElseThrow();
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<String> post(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode similarToA() throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(SharedServers.base(server)
        + "/v1/items/a/similar")).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void withoutTheTokenNothingHappens() throws Exception {
    for (String token : new String[] {null, "wrong", TOKEN + "x", TOKEN.substring(1)}) {
      HttpResponse<String> response = post(admin + "/admin/model/adm2", token);
      assertEquals(401, response.statusCode(), String.valueOf(token));
      assertEquals("Bearer realm=\"reco-admin\"", response.headers().firstValue("WWW-Authenticate").orElse(null));
      assertEquals("the admin API needs Authorization: Bearer <reco.serving.admin-token>",
          JSON.readTree(response.body()).get("error").asText());
    }
    assertEquals("adm1", similarToA().get("model").asText());
  }

  @Test
  void aPromotionAndARollbackAreServedAtOnce() throws Exception {
    HttpResponse<String> promoted = post(admin + "/admin/model/adm2", TOKEN);
    assertEquals(200, promoted.statusCode(), promoted.body());
    assertEquals("adm2", JSON.readTree(promoted.body()).get("model").asText());
    assertEquals("adm1", JSON.readTree(promoted.body()).get("previous").asText());
    assertEquals("y", similarToA().get("items").get(0).get("id").asText());

    HttpResponse<String> back = post(admin + "/admin/model/adm1", TOKEN);
    assertEquals(200, back.statusCode(), back.body());
    assertEquals("x", similarToA().get("items").get(0).get("id").asText());
    assertEquals("adm1", new ModelRegistry(SharedHBase.connection()).activeVersion().orElseThrow());
  }

  @Test
  void anUnknownOrUnfinishedVersionIsRefused() throws Exception {
    assertEquals(404, post(admin + "/admin/model/never-built", TOKEN).statusCode());
    assertEquals(400, post(admin + "/admin/model/bad%20version", TOKEN).statusCode());
    new ModelRegistry(SharedHBase.connection()).register("adm-building", Instant.now());
    HttpResponse<String> building = post(admin + "/admin/model/adm-building", TOKEN);
    assertEquals(409, building.statusCode());
    assertEquals("model version adm-building is building; only a published version can be served",
        JSON.readTree(building.body()).get("error").asText());
  }

  @Test
  void theCacheIsFlushed() throws Exception {
    similarToA();
    HttpResponse<String> flushed = post(admin + "/admin/cache/flush", TOKEN);
    assertEquals(200, flushed.statusCode(), flushed.body());
    assertTrue(JSON.readTree(flushed.body()).get("flushed").asLong() >= 1, flushed.body());
    assertEquals(0, JSON.readTree(post(admin + "/admin/cache/flush", TOKEN).body()).get("flushed").asLong());
  }

  @Test
  void thePublicPortHasNoAdminApi() throws Exception {
    HttpResponse<String> response = post(SharedServers.base(server) + "/admin/cache/flush", TOKEN);
    assertEquals(404, response.statusCode());
    assertEquals(405, post(SharedServers.base(server) + "/v1/items/a/similar", TOKEN).statusCode());
  }

  @Test
  void theAdminApiDoesNotStartWithoutAToken() {
    Exception e = assertThrows(Exception.class, () -> SharedServers.start(conf -> conf.setInt(
        RecoServer.ADMIN_PORT, 0)).close());
    assertTrue(String.valueOf(e.getMessage()).contains("the admin API needs reco.serving.admin-token"),
        e.getMessage());
  }
}
