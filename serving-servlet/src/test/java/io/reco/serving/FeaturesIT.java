package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.schema.FeatureCells;
import io.reco.schema.FeatureStore;
import io.reco.schema.RecoTables;
import io.reco.schema.RowKeys;
import io.reco.schema.ScoredLists;
import io.reco.schema.TableSpec;
import io.reco.schema.avro.CategoryCounts;
import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.ProductCounts;
import io.reco.schema.avro.ScoredItem;
import io.reco.schema.avro.UserFeatures;
import io.reco.testing.SharedHBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The feature lookups over HTTP, reading cells of reco:user_features and reco:item_features in the shared HBase. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeaturesIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERSION = "feat1";
  private RecoServer server;
  private String base;

  @BeforeAll
  void start() throws Exception {
    Models.publish(SharedHBase.connection(), VERSION, List.of(new ScoredItem("b", 0.9)));
    UserFeatures alice = UserFeatures.newBuilder().setUserId("alice").setAsOf(1_793_577_600_000L).setInteractions(5).setViews(3)
        .setClicks(0).setAddToCarts(1).setPurchases(1).setDistinctProducts(2).setSessions(2)
        .setAvgSessionDurationMs(480_000).setAvgDwellMs(320_000.0).setFirstInteraction(1_793_491_260_000L)
        .setLastInteraction(1_793_491_860_000L).setRecencyDays(0.99).setInteractionsPerWeek(35)
        .setMonetary(19.99).setAvgPrice(19.99).setDiversity(1.0).setDevice("mobile").setReferrer(null)
        .setDistinctCategories(1).setFavouriteCategory("shoes")
        .setCategories(List.of(new CategoryCounts("shoes", 5L, 3L, 1L)))
        .setTopProducts(List.of(new ProductCounts("b", 3L, 2L, 1L, 320_000.0))).setSegment("vip").build();
    cell("alice", FeatureCells.encode(alice));
    byte[] future = FeatureCells.encode(alice);
    future[0] = 9;
    cell("from-the-future", future);
    ItemFeatures item = ItemFeatures.newBuilder().setItemId("a").setAsOf(5L).setViews(4).setClicks(1).setAddToCarts(1)
        .setPurchases(1).setUsers(3).setFirstSeen(1L).setLastPurchase(4L).setPopularity(0.4)
        .setConversionRate(1 / 3.0).setAvgRating(null).setAvgPrice(12.5).setRecencyScore(0.5)
        .setTrendingScore(2.5).setCategory("shoes").setPrice(12.5).setPricePercentile(0.25).build();
    cell(RecoTables.ITEM_FEATURES, "a", FeatureCells.encode(item));
    server = SharedServers.start(conf -> { });
    base = SharedServers.base(server);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  private static void cell(String user, byte[] value) throws Exception {
    cell(RecoTables.USER_FEATURES, user, value);
  }

  private static void cell(TableSpec spec, String id, byte[] value) throws Exception {
    try (Table table = SharedHBase.connection().getTable(spec.tableName())) {
      table.put(new Put(RowKeys.of(id)).addColumn(spec.family().bytes(), ScoredLists.qualifier(VERSION), value));
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aUsersFeaturesAreEveryFieldByName() throws Exception {
    HttpResponse<String> response = get(base + "/v1/features/users/alice");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = JSON.readTree(response.body());
    assertEquals("alice", body.get("user").asText());
    assertEquals("user", body.get("feature_set").asText());
    assertEquals(2, body.get("schema_version").asInt());
    assertEquals(VERSION, body.get("model").asText());
    JsonNode f = body.get("features");
    assertEquals(5, f.get("interactions").asLong());
    assertEquals(2, f.get("sessions").asLong());
    assertEquals(19.99, f.get("monetary").asDouble());
    assertEquals("mobile", f.get("device").asText());
    assertTrue(f.get("referrer").isNull());
    assertEquals("shoes", f.get("favourite_category").asText());
    assertEquals(3, f.get("categories").get(0).get("views").asLong(), "nested per-category counts");
    assertEquals("b", f.get("top_products").get(0).get("product_id").asText());
    assertEquals("vip", f.get("segment").asText());
    assertEquals(UserFeatures.getClassSchema().getFields().size(), f.size(), "every field of the feature set");
  }

  @Test
  void anUnknownUserIs404AndACellOfAnUnknownSchemaIsRefusedSayingWhich() throws Exception {
    HttpResponse<String> unknown = get(base + "/v1/features/users/nobody");
    assertEquals(404, unknown.statusCode());
    assertEquals("unknown user 'nobody': no features in model feat1", JSON.readTree(unknown.body()).get("error")
        .asText());
    HttpResponse<String> future = get(base + "/v1/features/users/from-the-future");
    assertEquals(503, future.statusCode());
    assertTrue(JSON.readTree(future.body()).get("error").asText().contains("schema version 9; this reader knows"
        + " version 2 only"), future.body());
    assertEquals(400, get(base + "/v1/features/users/%ff").statusCode());
  }

  @Test
  void anItemsFeaturesAreEveryFieldByName() throws Exception {
    HttpResponse<String> response = get(base + "/v1/features/items/a");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = JSON.readTree(response.body());
    assertEquals("a", body.get("item").asText());
    assertEquals("item", body.get("feature_set").asText());
    JsonNode f = body.get("features");
    assertEquals(3, f.get("users").asLong());
    assertEquals(2.5, f.get("trending_score").asDouble());
    assertEquals(0.25, f.get("price_percentile").asDouble());
    assertTrue(f.get("avg_rating").isNull());
    assertEquals(ItemFeatures.getClassSchema().getFields().size(), f.size());
    assertEquals("unknown item 'zzz': no features in model feat1",
        JSON.readTree(get(base + "/v1/features/items/zzz").body()).get("error").asText());
  }

  @Test
  void aRankersJavaClientReadsTheSameFeatures() throws Exception {
    FeatureStore features = new FeatureStore(SharedHBase.connection(), VERSION);
    UserFeatures alice = features.user("alice").orElseThrow();
    JsonNode served = JSON.readTree(get(base + "/v1/features/users/alice").body()).get("features");
    assertEquals(served.get("interactions").asLong(), alice.getInteractions());
    assertEquals(served.get("avg_dwell_ms").asDouble(), alice.getAvgDwellMs());
    assertTrue(features.user("nobody").isEmpty());
    assertEquals(List.of("a"), List.copyOf(features.items(List.of("zzz", "a")).keySet()));
    assertEquals(3, features.item("a").orElseThrow().getUsers());
  }
}
