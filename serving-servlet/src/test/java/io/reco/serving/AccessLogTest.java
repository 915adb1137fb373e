package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoint names that label metrics and access log lines: a bounded set, never an id. */
class AccessLogTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/v1/items/abc/similar, similar_items",
      "/v1/users/u-1/recommendations, user_recommendations",
      "/v1/items/abc/bought-together, bought_together",
      "/v1/cart/addons, cart_addons",
      "/v1/session/recommendations, session_recommendations",
      "/v1/popular, popular",
      "/v1/trending, trending",
      "/v1/features/users/u-1, user_features",
      "/v1/features/items/i-1, item_features",
      "/health/live, health_live",
      "/health/ready, health_ready",
      "/metrics, metrics",
      "/admin/model/2026-12-01, admin_model",
      "/admin/cache/flush, admin_cache_flush",
      "/v1/users/u-1, other",
      "/anything/else, other",
  })
  void namesTheEndpointNotThePath(String path, String endpoint) {
    assertEquals(endpoint, AccessLog.endpoint(path));
  }
}
