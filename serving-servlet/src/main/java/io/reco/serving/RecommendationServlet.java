package io.reco.serving;

import io.reco.ranking.TopPicks;
import io.reco.records.EventLimits;
import io.reco.schema.FeatureCells;
import io.reco.schema.RecoTables;
import io.reco.schema.TableSpec;
import io.reco.schema.avro.ScoredItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.avro.specific.SpecificRecord;

/**
 * The recommendation API, mounted at {@code /v1/*}. Every answer is
 * {@code {"items":[{"id":"...","score":0.93}], "model":"<version>", "strategy":"..."}}, best first.
 *
 * <ul>
 *   <li>{@code GET /v1/items/{itemId}/similar?k=10}: the items most often wanted by the same users (the model's
 *       indicators, Mahout log-likelihood among them, blended). 404 when the item has no similar items in the
 *       active model.</li>
 *   <li>{@code GET /v1/features/users/{userId}} and {@code GET /v1/features/items/{itemId}}: the entity's
 *       features in the active model (feature set {@code user} or {@code item}, every field by name); 404 for an
 *       entity without them, 503 naming the version for a cell of a schema this servlet does not know.</li>
 *   <li>{@code GET /v1/users/{userId}/recommendations?k=10}: the user's top picks ({@link TopPicks}): the
 *       neighbours of their strongest history items, weighted by how strongly and how lately, plus a share of
 *       popularity, never an item the model's exclusion rules keep from them (what they bought), topped up with
 *       popular items; a user the model does not know gets the popular items ({@code strategy} says which).</li>
 * </ul>
 *
 * <p>{@code k} defaults to {@value #DEFAULT_K} and must be 1 to {@value #MAX_K}; {@code offset} (default 0)
 * skips that many of the best first, and {@code offset + k} is at most {@value #MAX_K}; else 400. Every answer
 * also carries {@code request_id} (the {@code X-Request-Id} header's), which impressions and clicks logged back
 * refer to. 503 while no model is published or while HBase does not answer. Errors are {@code {"error":"..."}}.
 */
final class RecommendationServlet extends JsonServlet {
  private static final long serialVersionUID = 1L;
  static final int DEFAULT_K = 10;
  static final int MAX_K = 100;
  /** The longest id asked for: what the platform's event rules let into a model. */
  private static final int MAX_ID_LENGTH = EventLimits.defaults().maxIdLength();

  private final transient ModelReader model;
  private final transient TopPicks topPicks;

  RecommendationServlet(ModelReader model, RequestPool pool, TopPicks topPicks) {
    super(pool);
    this.model = model;
    this.topPicks = topPicks;
  }

  @Override
  Object get(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String[] parts = path.split("/", -1);
    if (parts.length == 4 && parts[0].isEmpty() && !parts[2].isEmpty()) {
      if (!"features".equals(parts[1])) {
        parts[2] = rawId(request, parts[2], 2);
        checkId(parts[2]);
      }
      if ("items".equals(parts[1]) && "similar".equals(parts[3])) {
        return page(request, similar(request, parts[2], window(request)));
      }
      if ("users".equals(parts[1]) && "recommendations".equals(parts[3])) {
        return page(request, forUser(request, parts[2], window(request)));
      }
      if ("features".equals(parts[1]) && ("users".equals(parts[2]) || "items".equals(parts[2]))) {
        parts[3] = rawId(request, parts[3], 1);
        checkId(parts[3]);
        return "users".equals(parts[2])
            ? features(request, "user", parts[3], RecoTables.USER_FEATURES, FeatureCells.USER_VERSION,
                FeatureCells::decodeUser)
            : features(request, "item", parts[3], RecoTables.ITEM_FEATURES, FeatureCells.ITEM_VERSION,
                FeatureCells::decodeItem);
      }
    }
    throw new ApiException(404, "no such endpoint: " + request.getRequestURI()
        + "; try /v1/items/{itemId}/similar, /v1/users/{userId}/recommendations or /v1/features/{users|items}/{id}");
  }

  private static void checkId(String id) {
    if (id.isEmpty()) {
      throw new ApiException(404, "no id given");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new ApiException(400, "an id has at most " + MAX_ID_LENGTH + " characters; this one has "
          + id.length());
    }
    if (id.chars().anyMatch(Character::isISOControl)) {
      throw new ApiException(400, "an id is text without control characters");
    }
  }

  /** An entity's features in the active model: every field of its feature set, by name. */
  private Map<String, Object> features(HttpServletRequest request, String set, String id, TableSpec table,
      int schemaVersion, Function<byte[], ? extends SpecificRecord> decode) throws IOException {
    String version = version(request);
    SpecificRecord features;
    try {
      features = model.features(table, version, id, decode).orElseThrow(() -> new ApiException(404, "unknown "
          + set + " '" + id + "': no features in model " + version));
    } catch (IllegalStateException e) {
      // a cell of a feature schema this servlet does not know: say so, as the store's fault, not the client's
      throw new ApiException(503, e.getMessage());
    }
    Object values = plain(features);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(set, id);
    body.put("feature_set", set);
    body.put("schema_version", schemaVersion);
    body.put("features", values);
    body.put("model", version);
    body.put("request_id", request.getAttribute(FrontDoor.REQUEST_ID));
    return body;
  }

  /** An Avro value as JSON-ready Java values: records as maps of every field (nulls included), lists, strings. */
  private static Object plain(Object value) {
    if (value instanceof SpecificRecord record) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (org.apache.avro.Schema.Field field : record.getSchema().getFields()) {
        fields.put(field.name(), plain(record.get(field.pos())));
      }
      return fields;
    }
    if (value instanceof java.util.List<?> list) {
      return list.stream().map(RecommendationServlet::plain).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k.toString(), plain(v)));
      return out;
    }
    return value instanceof CharSequence || value instanceof Enum<?> ? value.toString() : value;
  }

  /**
   * The id, the {@code fromEnd}th segment from the path's end, as the client encoded it, decoded strictly: the container reads bytes that are not UTF-8 as Latin-1,
   * which would turn a malformed id into some other item's. 400 unless it is UTF-8.
   */
  private static String rawId(HttpServletRequest request, String decoded, int fromEnd) {
    String[] raw = request.getRequestURI().split("/", -1);
    String segment = raw.length < fromEnd ? "" : raw[raw.length - fromEnd];
    if (segment.indexOf('%') < 0) {
      return decoded;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        bytes.write(c);
        continue;
      }
      int hi = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int lo = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 2), 16) : -1;
      if (hi < 0 || lo < 0) {
        throw new ApiException(400, "an id has a malformed percent-encoding");
      }
      bytes.write(hi * 16 + lo);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new ApiException(400, "an id is UTF-8 text; this one's bytes are not");
    }
  }

  private Map<String, Object> similar(HttpServletRequest request, String itemId, int k) throws IOException {
    String version = version(request);
    List<ScoredItem> similar = model.similar(version, itemId)
        .orElseThrow(() -> new ApiException(404, "unknown item '" + itemId + "': no similar items in model "
            + version));
    return body(similar.subList(0, Math.min(k, similar.size())), version, "similar");
  }

  private Map<String, Object> forUser(HttpServletRequest request, String userId, int k) throws IOException {
    String version = version(request);
    // an active user's picks were ranked by the run with this very code; a longer list is ranked here
    Optional<List<ScoredItem>> precomputed = model.topPicks(version, userId);
    if (precomputed.isPresent() && precomputed.get().size() >= k) {
      return body(precomputed.get().subList(0, k), version, "personalized");
    }
    List<ScoredItem> history = model.recent(version, userId).orElse(List.of());
    Set<String> excluded = history.isEmpty() ? Set.of() : model.excluded(version, userId);
    TopPicks.Answer answer = topPicks.rank(history, excluded, seeds -> model.similar(version, seeds),
        model.popular(version), k);
    return body(answer.items(), version, answer.strategy());
  }

  private String version(HttpServletRequest request) {
    String version = model.activeVersion().orElseThrow(() -> new ApiException(503, "no model is published yet"));
    request.setAttribute(AccessLog.MODEL, version);
    return version;
  }

  /** How many of the best items the request needs: {@code offset + k}. */
  private static int window(HttpServletRequest request) {
    int offset = offset(request);
    int k = whole(request, "k", DEFAULT_K, 1, MAX_K);
    if (offset + k > MAX_K) {
      throw new ApiException(400, "offset + k must be at most " + MAX_K + ", was " + (offset + k));
    }
    return offset + k;
  }

  private static int offset(HttpServletRequest request) {
    return whole(request, "offset", 0, 0, MAX_K - 1);
  }

  private static int whole(HttpServletRequest request, String name, int absent, int min, int max) {
    String value = request.getParameter(name);
    if (value == null) {
      return absent;
    }
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ApiException(400, name + " must be a whole number from " + min + " to " + max + ", was '" + value
          + "'");
    }
    if (n < min || n > max) {
      throw new ApiException(400, name + " must be from " + min + " to " + max + ", was " + n);
    }
    return n;
  }

  /** The body with the first {@code offset} items dropped and the request id added. */
  private static Map<String, Object> page(HttpServletRequest request, Map<String, Object> body) {
    int offset = offset(request);
    if (offset > 0) {
      List<?> items = (List<?>) body.get("items");
      body.put("items", items.subList(Math.min(offset, items.size()), items.size()));
    }
    body.put("request_id", request.getAttribute(FrontDoor.REQUEST_ID));
    return body;
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
