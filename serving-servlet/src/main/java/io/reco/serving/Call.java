package io.reco.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.reco.records.EventLimits;
import io.reco.schema.avro.ScoredItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import io.reco.ranking.TopPicks;
import io.reco.records.Feedback;
import io.reco.records.avro.InteractionEvent;
import io.reco.schema.PopularLists;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

/**
 * One request to a use case: its id, the common parameters, the body of a POST, the rules and the experiment it
 * is served under, and the answer's form.
 *
 * <p>Common parameters (a POST may give them in its body too): {@code k} (1 to {@value #MAX_K}, default
 * {@value #DEFAULT_K}) and {@code offset} (the best to skip; {@code offset + k} at most {@value #MAX_K});
 * {@code exclude}, ids never to answer (comma-separated in the query, an array in a body; at most
 * {@value #MAX_EXCLUDED}); {@code user_id}, whose exclusions (what they bought) apply too, and who is the unit of
 * the A/B experiments; the {@link Filters}; {@code explain=true}, which gives each item the reason it is there.
 * Every answer is {@code {"items":[{"id","score"}],"model","strategy","variant","request_id"}}, best first, and
 * obeys the {@link Rules}.
 */
final class Call {
  static final int DEFAULT_K = 10;
  static final int MAX_K = 100;
  static final int MAX_EXCLUDED = 100;
  /** The most candidates a use case ranks before the rules and filters take their pick. */
  static final int MAX_CANDIDATES = 400;
  /** The longest id asked for: what the platform's event rules let into a model. */
  static final int MAX_ID_LENGTH = EventLimits.defaults().maxIdLength();
  /** The variant of requests in no experiment. */
  static final String NO_VARIANT = "none";

  private final HttpServletRequest request;
  private final ModelReader model;
  private final Endpoint endpoint;
  private final Rules rules;
  private final FeedbackLog feedback;
  private final String id;
  private String version;
  private JsonNode body;
  private org.eclipse.jetty.util.MultiMap<String> query;
  private Set<String> excluded;
  private Filters filters;
  private Optional<Experiment.Assignment> assignment;
  private Map<String, List<ScoredItem>> reasons = Map.of();
  /** The last list {@link #select} was given, and what it chose of it. */
  private List<ScoredItem> selectedFrom;
  private List<ScoredItem> selected;

  Call(HttpServletRequest request, ModelReader model, Endpoint.Match match, Rules rules, FeedbackLog feedback) {
    this.request = request;
    this.model = model;
    this.feedback = feedback;
    this.endpoint = match.endpoint();
    this.rules = rules;
    this.id = match.id() == null ? null : checkId(rawId(request, match.id(), match.idFromEnd()));
  }

  /** The id the path names. */
  String id() {
    return id;
  }

  HttpServletRequest request() {
    return request;
  }

  /**
   * The model version that answers: the experiment variant's, when it names one the registry has, else the
   * served one; 503 before the first publication.
   */
  String version() throws IOException {
    if (version == null) {
      String active = model.activeVersion().orElseThrow(() -> new ApiException(503, "no model is published yet"));
      String wanted = assignment().map(a -> a.variant().model()).orElse(null);
      version = wanted != null && !wanted.equals(active) && model.servable(wanted) ? wanted : active;
      request.setAttribute(AccessLog.MODEL, version);
    }
    return version;
  }

  /** The user the request is for: the path's, else its {@code user_id}; empty for an anonymous visitor. */
  Optional<String> user() {
    return endpoint == Endpoint.USER_RECOMMENDATIONS ? Optional.of(id) : parameter("user_id").map(Call::checkId);
  }

  /** The feedback log the answer's impressions go to. */
  FeedbackLog feedback() {
    return feedback;
  }

  /** The experiment and variant this request is served under, if any (the user's, by hashing). */
  Optional<Experiment.Assignment> assignment() {
    if (assignment == null) {
      assignment = Optional.empty();
      if (endpoint.recommends()) {
        Optional<String> user = user();
        for (Experiment experiment : rules.experiments()) {
          if (user.isPresent() && experiment.endpoints().contains(endpoint)) {
            assignment = Optional.of(new Experiment.Assignment(experiment, experiment.variant(user.get())));
            break;
          }
        }
      }
      request.setAttribute(AccessLog.VARIANT, assignment.map(Experiment.Assignment::label).orElse(NO_VARIANT));
    }
    return assignment;
  }

  /** The request's filters. */
  Filters filters() {
    if (filters == null) {
      filters = Filters.of(this::parameter);
    }
    return filters;
  }

  /**
   * How many candidates a use case ranks: more than the answer needs, for the rules and filters to take their
   * pick from.
   */
  int candidates() {
    return Math.min(MAX_CANDIDATES, 3 * window() + 20);
  }

  /** How many of the best items the request needs: {@code offset + k}. */
  int window() {
    int offset = offset();
    int k = whole("k", DEFAULT_K, 1, MAX_K);
    if (offset + k > MAX_K) {
      throw new ApiException(400, "offset + k must be at most " + MAX_K + ", was " + (offset + k));
    }
    return offset + k;
  }

  private int offset() {
    return whole("offset", 0, 0, MAX_K - 1);
  }

  /** A parameter: the query's, else the body's (of a POST); empty when neither has it. */
  Optional<String> parameter(String name) {
    String value = query(name);
    if (value == null && "POST".equals(request.getMethod())) {
      JsonNode field = body().get(name);
      if (field != null && !field.isNull()) {
        if (!field.isValueNode()) {
          throw new ApiException(400, "'" + name + "' is a single value, not " + field.getNodeType().name()
              .toLowerCase(java.util.Locale.ROOT));
        }
        value = field.asText();
      }
    }
    return Optional.ofNullable(value);
  }

  private int whole(String name, int absent, int min, int max) {
    Optional<String> value = parameter(name);
    if (value.isEmpty()) {
      return absent;
    }
    int n;
    try {
      n = Integer.parseInt(value.get().trim());
    } catch (NumberFormatException e) {
      throw new ApiException(400, name + " must be a whole number from " + min + " to " + max + ", was '"
          + value.get() + "'");
    }
    if (n < min || n > max) {
      throw new ApiException(400, name + " must be from " + min + " to " + max + ", was " + n);
    }
    return n;
  }

  /**
   * The ids never to answer: the item on the page (of an item's endpoints), the cart's items, the session's item
   * on screen, the explicit {@code exclude} list and, given {@code user_id}, what that user is never offered.
   */
  Set<String> excluded() throws IOException {
    if (excluded != null) {
      return excluded;
    }
    Set<String> out = new LinkedHashSet<>();
    String query = query("exclude");
    if (query != null) {
      for (String each : query.split(",", -1)) {
        if (!each.isBlank()) {
          out.add(checkId(each.strip()));
        }
      }
    } else if ("POST".equals(request.getMethod()) && body().has("exclude")) {
      out.addAll(ids("exclude", 0, MAX_EXCLUDED));
    }
    if (out.size() > MAX_EXCLUDED) {
      throw new ApiException(400, "exclude lists at most " + MAX_EXCLUDED + " ids; this one " + out.size());
    }
    switch (endpoint) {
      case SIMILAR_ITEMS, BOUGHT_TOGETHER -> out.add(id);
      case CART_ADDONS -> out.addAll(items());
      case SESSION_RECOMMENDATIONS -> out.add(items().get(items().size() - 1));
      default -> {
      }
    }
    Optional<String> user = parameter("user_id");
    if (user.isPresent()) {
      out.addAll(model.excluded(version(), checkId(user.get())));
    }
    excluded = out;
    return out;
  }

  /** The body's {@code items}: a cart's or a session's, 1 to {@value #MAX_ITEMS}, in order. */
  List<String> items() {
    return ids("items", 1, MAX_ITEMS);
  }

  /** The most items a cart or a session names. */
  static final int MAX_ITEMS = 50;

  /**
   * A parameter of the query string. A POST's is read from the query alone: the container would take a body sent
   * as a form (curl's default type) for parameters and leave none to read as JSON.
   */
  private String query(String name) {
    if (!"POST".equals(request.getMethod())) {
      return request.getParameter(name);
    }
    if (query == null) {
      query = new org.eclipse.jetty.util.MultiMap<>();
      String raw = request.getQueryString();
      if (raw != null) {
        try {
          org.eclipse.jetty.util.UrlEncoded.decodeUtf8To(raw, query);
        } catch (IllegalArgumentException e) {
          throw new ApiException(400, "bad request: the query string's percent-encoding is malformed");
        }
      }
    }
    return query.getValue(name, 0);
  }

  /** The body of a POST: a JSON object; 400 otherwise. */
  JsonNode body() {
    if (body == null) {
      byte[] bytes;
      try (InputStream in = request.getInputStream()) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new ApiException(400, "the request body could not be read");
      }
      try {
        body = bytes.length == 0 ? null : JsonServlet.JSON.readTree(bytes);
      } catch (JsonProcessingException e) {
        throw new ApiException(400, "the body is not JSON: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw new ApiException(400, "the body is not JSON");
      }
      if (body == null || !body.isObject()) {
        throw new ApiException(400, "the body is a JSON object, such as {\"items\":[\"item-1\",\"item-2\"]}");
      }
    }
    return body;
  }

  /** The body's array {@code field} of ids, in order, duplicates kept; {@code min} to {@code max} of them. */
  List<String> ids(String field, int min, int max) {
    JsonNode array = body().get(field);
    if (array == null || array.isNull()) {
      if (min > 0) {
        throw new ApiException(400, "the body names its '" + field + "': an array of ids");
      }
      return List.of();
    }
    if (!array.isArray()) {
      throw new ApiException(400, "'" + field + "' is an array of ids");
    }
    if (array.size() < min || array.size() > max) {
      throw new ApiException(400, "'" + field + "' holds " + min + " to " + max + " ids; this one "
          + array.size());
    }
    List<String> ids = new ArrayList<>(array.size());
    for (JsonNode each : array) {
      if (!each.isTextual() && !each.isIntegralNumber()) {
        throw new ApiException(400, "'" + field + "' holds ids, strings or whole numbers; not "
            + each.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
      ids.add(checkText(field, each.asText()));
    }
    return ids;
  }

  /**
   * The items that may be answered, best first, at most {@code offset + k}: those the rules allow, not excluded,
   * passing the filters, boosted, at most {@code max_per_category} of a category.
   */
  List<ScoredItem> select(List<ScoredItem> candidates) throws IOException {
    if (candidates.isEmpty()) {
      return candidates;
    }
    if (candidates == selectedFrom) {
      return selected;
    }
    selected = choose(candidates);
    selectedFrom = candidates;
    return selected;
  }

  /** Whether {@code candidates} alone fill the answer once the rules and filters have taken their pick. */
  boolean enough(List<ScoredItem> candidates) throws IOException {
    return select(candidates).size() >= window();
  }

  private List<ScoredItem> choose(List<ScoredItem> candidates) throws IOException {
    Set<String> never = excluded();
    Filters wanted = filters();
    int window = window();
    // the facts of the candidates in chunks, as far down the list as the answer needs: most answers need one
    int chunk = Math.max(2 * window, 20);
    Map<String, ItemFacts> facts = new HashMap<>();
    int fetched = 0;
    List<ScoredItem> kept = new ArrayList<>(Math.min(candidates.size(), chunk));
    Map<String, Integer> perCategory = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < candidates.size() && (rules.boosts() || kept.size() < window); i++) {
      ScoredItem item = candidates.get(i);
      if (never.contains(item.getId()) || !seen.add(item.getId())) {
        continue;
      }
      if (i >= fetched) {
        int to = Math.min(candidates.size(), i + chunk);
        List<String> ids = new ArrayList<>(to - i);
        candidates.subList(i, to).forEach(each -> ids.add(each.getId()));
        facts.putAll(model.facts(version(), ids));
        fetched = to;
      }
      ItemFacts known = facts.get(item.getId());
      if (!rules.allows(item.getId(), known) || !wanted.accepts(known)) {
        continue;
      }
      ScoredItem scored = rules.boosts() ? new ScoredItem(item.getId(), item.getScore() * rules.boost(known)) : item;
      if (rules.boosts()) {
        kept.add(scored);
      } else if (underCap(known, perCategory, wanted)) {
        kept.add(scored);
      }
    }
    if (!rules.boosts()) {
      return kept;
    }
    // boosted: every candidate scored again, ranked, then the category cap
    kept.sort(Comparator.comparingDouble(ScoredItem::getScore).reversed());
    List<ScoredItem> out = new ArrayList<>(Math.min(window, kept.size()));
    for (ScoredItem item : kept) {
      if (out.size() >= window) {
        break;
      }
      if (underCap(facts.get(item.getId()), perCategory, wanted)) {
        out.add(item);
      }
    }
    return out;
  }

  /** Whether one more item of this category fits under {@code max_per_category}; counts it if so. */
  private static boolean underCap(ItemFacts facts, Map<String, Integer> perCategory, Filters wanted) {
    String category = facts == null ? null : facts.category();
    if (category == null || wanted.maxPerCategory() == Integer.MAX_VALUE) {
      return true;
    }
    if (perCategory.getOrDefault(category, 0) >= wanted.maxPerCategory()) {
      return false;
    }
    perCategory.merge(category, 1, Integer::sum);
    return true;
  }

  /**
   * The lists the answer's items come from, by the item (or list) each one stands for - the user's history items'
   * neighbours, a cart's items' baskets - for {@code explain=true}: each item is there because of the source whose
   * list scores it best, relative to that list's best.
   */
  void because(Map<String, List<ScoredItem>> sources) {
    reasons = sources;
  }

  /** Whether the request asks why each item is there ({@code explain=true}). */
  boolean explains() {
    return parameter("explain").map(v -> flag("explain", v)).orElse(false);
  }

  /**
   * The answer: {@code candidates} as {@link #select} leaves them, topped up with the popular items of the
   * request's {@code category} when it names one, the first {@code offset} dropped.
   */
  Map<String, Object> answer(List<ScoredItem> candidates, String strategy) throws IOException {
    List<ScoredItem> items = select(candidates);
    int window = window();
    String category = filters().category();
    Set<String> fromPopular = Set.of();
    if (items.size() < window && category != null) {
      List<ScoredItem> popular = model.popular(version(), PopularLists.category(category)).orElse(List.of());
      List<ScoredItem> topped = select(TopPicks.fill(items, popular, Set.of(), MAX_CANDIDATES));
      fromPopular = new HashSet<>();
      for (ScoredItem item : topped.subList(items.size(), topped.size())) {
        fromPopular.add(item.getId());
      }
      if (items.isEmpty() && !topped.isEmpty()) {
        strategy = "category-popular";
      }
      items = topped;
    }
    List<ScoredItem> page = items.subList(Math.min(offset(), items.size()), items.size());
    boolean explain = explains();
    List<Map<String, Object>> list = new ArrayList<>(page.size());
    for (ScoredItem item : page) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", item.getId());
      entry.put("score", Math.round(item.getScore() * 1e6) / 1e6);
      if (explain) {
        entry.put("because", reason(item.getId(), fromPopular.contains(item.getId()) ? "category-popular"
            : strategy));
      }
      list.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", list);
    body.put("model", version());
    body.put("strategy", strategy);
    String variant = assignment().map(Experiment.Assignment::label).orElse(NO_VARIANT);
    body.put("variant", variant);
    String requestId = (String) request.getAttribute(FrontDoor.REQUEST_ID);
    body.put("request_id", requestId);
    if (feedback.enabled() && !page.isEmpty()) {
      Feedback.Answer shown = new Feedback.Answer(requestId, user().orElse(null),
          parameter("session_id").map(Call::checkId).orElse(null), endpoint.label(), variant, version(), strategy);
      long now = System.currentTimeMillis();
      List<InteractionEvent> impressions = new ArrayList<>(page.size());
      for (int i = 0; i < page.size(); i++) {
        impressions.add(Feedback.impression(shown, page.get(i).getId(), i + 1, offset(), now));
      }
      feedback.log(impressions);
    }
    return body;
  }

  /** {@code {"item":id}}, the source that scores {@code item} best, else {@code {"list":strategy}}. */
  private Map<String, String> reason(String item, String strategy) {
    String best = null;
    double bestShare = 0;
    for (Map.Entry<String, List<ScoredItem>> source : reasons.entrySet()) {
      List<ScoredItem> list = source.getValue();
      double top = list.isEmpty() || list.get(0).getScore() <= 0 ? 1 : list.get(0).getScore();
      for (ScoredItem each : list) {
        if (each.getId().equals(item) && each.getScore() / top > bestShare) {
          bestShare = each.getScore() / top;
          best = source.getKey();
        }
      }
    }
    return best == null ? Map.of("list", strategy) : Map.of("item", best);
  }

  private static boolean flag(String name, String value) {
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ApiException(400, name + " is true or false, was '" + value + "'");
    };
  }

  /** {@code value} of the request's {@code name} if it is an id the API takes, else 400. */
  static String checkText(String name, String value) {
    if (value.isEmpty()) {
      throw new ApiException(400, "'" + name + "' is never empty");
    }
    return checkId(value);
  }

  /** {@code id} if it is one the API takes; else 400 (404 when empty: a path naming no id). */
  static String checkId(String id) {
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
    return id;
  }

  /**
   * The id, the {@code fromEnd}th segment from the path's end, as the client encoded it, decoded strictly: the
   * container reads bytes that are not UTF-8 as Latin-1, which would turn a malformed id into some other item's.
   * 400 unless it is UTF-8.
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
}
