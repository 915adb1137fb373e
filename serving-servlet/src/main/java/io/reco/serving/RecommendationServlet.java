package io.reco.serving;

import io.reco.records.EventLimits;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The recommendation API, mounted at {@code /v1/*}. Every answer is
 * {@code {"items":[{"id":"...","score":0.93}], "model":"<version>", "strategy":"..."}}, best first.
 *
 * <ul>
 *   <li>{@code GET /v1/items/{itemId}/similar?k=10}: the items most often wanted by the same users (Mahout
 *       log-likelihood). 404 when the item has no similar items in the active model.</li>
 *   <li>{@code GET /v1/users/{userId}/recommendations?k=10}: items similar to what the user touched recently,
 *       weighted by how strongly and how lately, leaving out what they already touched, topped up with popular
 *       items; a user the model does not know gets the popular items ({@code strategy} says which).</li>
 * </ul>
 *
 * <p>{@code k} defaults to {@value #DEFAULT_K} and must be 1 to {@value #MAX_K}, else 400. 503 while no model
 * is published. Errors are {@code {"error":"..."}}.
 */
final class RecommendationServlet extends JsonServlet {
  private static final long serialVersionUID = 1L;
  static final int DEFAULT_K = 10;
  static final int MAX_K = 100;
  /** The longest id asked for: what the platform's event rules let into a model. */
  private static final int MAX_ID_LENGTH = EventLimits.defaults().maxIdLength();
  private static final int SEED_ITEMS = 10;

  private final transient ModelReader model;

  RecommendationServlet(ModelReader model) {
    this.model = model;
  }

  @Override
  Object get(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String[] parts = path.split("/", -1);
    if (parts.length == 4 && parts[0].isEmpty() && !parts[2].isEmpty()) {
      if (parts[2].length() > MAX_ID_LENGTH) {
        throw new ApiException(400, "an id has at most " + MAX_ID_LENGTH + " characters; this one has "
            + parts[2].length());
      }
      if ("items".equals(parts[1]) && "similar".equals(parts[3])) {
        return similar(parts[2], k(request));
      }
      if ("users".equals(parts[1]) && "recommendations".equals(parts[3])) {
        return forUser(parts[2], k(request));
      }
    }
    throw new ApiException(404, "no such endpoint: " + request.getRequestURI()
        + "; try /v1/items/{itemId}/similar or /v1/users/{userId}/recommendations");
  }

  private Map<String, Object> similar(String itemId, int k) throws IOException {
    String version = version();
    List<ScoredItem> similar = model.similar(version, itemId)
        .orElseThrow(() -> new ApiException(404, "unknown item '" + itemId + "': no similar items in model "
            + version));
    return body(similar.subList(0, Math.min(k, similar.size())), version, "similar");
  }

  private Map<String, Object> forUser(String userId, int k) throws IOException {
    String version = version();
    List<ScoredItem> recent = model.recent(version, userId).orElse(List.of());
    if (recent.isEmpty()) {
      return body(Blend.fill(List.of(), model.popular(version), Set.of(), k), version, "popular");
    }
    List<String> seeds = recent.stream().limit(SEED_ITEMS).map(ScoredItem::getId).toList();
    List<ScoredItem> personal = Blend.personal(recent, model.similar(version, seeds), k);
    String strategy = personal.isEmpty() ? "popular" : "personalized";
    if (personal.size() >= k) {
      return body(personal, version, strategy);
    }
    Set<String> seen = recent.stream().map(ScoredItem::getId).collect(Collectors.toSet());
    return body(Blend.fill(personal, model.popular(version), seen, k), version, strategy);
  }

  private String version() {
    return model.activeVersion().orElseThrow(() -> new ApiException(503, "no model is published yet"));
  }

  private static int k(HttpServletRequest request) {
    String value = request.getParameter("k");
    if (value == null) {
      return DEFAULT_K;
    }
    int k;
    try {
      k = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ApiException(400, "k must be a whole number from 1 to " + MAX_K + ", was '" + value + "'");
    }
    if (k < 1 || k > MAX_K) {
      throw new ApiException(400, "k must be from 1 to " + MAX_K + ", was " + k);
    }
    return k;
  }

  private static Map<String, Object> body(List<ScoredItem> items, String version, String strategy) {
    List<Map<String, Object>> list = new ArrayList<>(items.size());
    for (ScoredItem item : items) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", item.getId());
      entry.put("score", Math.round(item.getScore() * 1e6) / 1e6);
      list.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", list);
    body.put("model", version);
    body.put("strategy", strategy);
    return body;
  }
}
