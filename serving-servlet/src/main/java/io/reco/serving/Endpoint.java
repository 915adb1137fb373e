package io.reco.serving;

import java.util.Optional;

/**
 * The API's endpoints under {@code /v1}: each one use case, its method and its path ({@code {id}} a user's or an
 * item's id). One place for the routes: the servlet dispatches by them, the front door allows their methods, the
 * access log and the metrics name requests by them.
 */
enum Endpoint {
  USER_RECOMMENDATIONS("GET", "users/{id}/recommendations"),
  SIMILAR_ITEMS("GET", "items/{id}/similar"),
  BOUGHT_TOGETHER("GET", "items/{id}/bought-together"),
  CART_ADDONS("POST", "cart/addons"),
  SESSION_RECOMMENDATIONS("POST", "session/recommendations"),
  POPULAR("GET", "popular"),
  TRENDING("GET", "trending"),
  USER_FEATURES("GET", "features/users/{id}"),
  ITEM_FEATURES("GET", "features/items/{id}"),
  FEEDBACK("POST", "feedback");

  /** Where the API is mounted. */
  static final String ROOT = "/v1";

  private final String method;
  private final String[] segments;

  Endpoint(String method, String template) {
    this.method = method;
    this.segments = template.split("/");
  }

  /** A request's endpoint, and the id its path names (null for a path without one). */
  record Match(Endpoint endpoint, String id, int idFromEnd) {
  }

  /** The HTTP method that asks it: GET (and HEAD) or POST. */
  String method() {
    return method;
  }

  /** The name in the access log and the metrics' {@code endpoint} label: never an id. */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Whether it answers items (the feature lookups and the feedback do not): the rules, filters and experiments
   * apply to it.
   */
  boolean recommends() {
    return this != USER_FEATURES && this != ITEM_FEATURES && this != FEEDBACK;
  }

  /** The endpoint of a {@link #label()}. */
  static Optional<Endpoint> ofLabel(String label) {
    return java.util.Arrays.stream(values()).filter(e -> e.label().equals(label)).findFirst();
  }

  /** The labels of the endpoints that recommend. */
  static java.util.List<String> recommending() {
    return java.util.Arrays.stream(values()).filter(Endpoint::recommends).map(Endpoint::label).toList();
  }

  /** The path as documented, such as {@code /v1/items/{id}/similar}. */
  String path() {
    return ROOT + "/" + String.join("/", segments);
  }

  /** The endpoint of a path under {@link #ROOT} (the servlet's path info: {@code /items/a/similar}), if any. */
  static Optional<Match> match(String pathInfo) {
    if (pathInfo == null || !pathInfo.startsWith("/")) {
      return Optional.empty();
    }
    String[] parts = pathInfo.substring(1).split("/", -1);
    for (Endpoint endpoint : values()) {
      String id = endpoint.matches(parts);
      if (id != null) {
        int at = java.util.Arrays.asList(endpoint.segments).indexOf("{id}");
        return Optional.of(new Match(endpoint, at < 0 ? null : id, at < 0 ? 0 : parts.length - at));
      }
    }
    return Optional.empty();
  }

  /** The endpoint of a whole path ({@code /v1/...}), if any. */
  static Optional<Endpoint> of(String path) {
    return path != null && path.startsWith(ROOT + "/") ? match(path.substring(ROOT.length())).map(Match::endpoint)
        : Optional.empty();
  }

  /** The id when {@code parts} are this endpoint's path ("" for a path without an id), else null. */
  private String matches(String[] parts) {
    if (parts.length != segments.length) {
      return null;
    }
    String id = "";
    for (int i = 0; i < parts.length; i++) {
      if ("{id}".equals(segments[i])) {
        id = parts[i];
      } else if (!segments[i].equals(parts[i])) {
        return null;
      }
    }
    return id;
  }
}
