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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

/**
 * One request to a use case: its id, the common parameters, the body of a POST, and the answer's form.
 *
 * <p>Common parameters (a POST may give them in its body too): {@code k} (1 to {@value #MAX_K}, default
 * {@value #DEFAULT_K}) and {@code offset} (the best to skip; {@code offset + k} at most {@value #MAX_K});
 * {@code exclude}, ids never to answer (comma-separated in the query, an array in a body; at most
 * {@value #MAX_EXCLUDED}); {@code user_id}, whose exclusions (what they bought) apply too. Every answer is
 * {@code {"items":[{"id","score"}],"model","strategy","request_id"}}, best first.
 */
final class Call {
  static final int DEFAULT_K = 10;
  static final int MAX_K = 100;
  static final int MAX_EXCLUDED = 100;
  /** The longest id asked for: what the platform's event rules let into a model. */
  static final int MAX_ID_LENGTH = EventLimits.defaults().maxIdLength();

  private final HttpServletRequest request;
  private final ModelReader model;
  private final String id;
  private String version;
  private JsonNode body;

  Call(HttpServletRequest request, ModelReader model, Endpoint.Match match) {
    this.request = request;
    this.model = model;
    this.id = match.id() == null ? null : checkId(rawId(request, match.id(), match.idFromEnd()));
  }

  /** The id the path names. */
  String id() {
    return id;
  }

  HttpServletRequest request() {
    return request;
  }

  /** The served model's version; 503 before the first publication. */
  String version() {
    if (version == null) {
      version = model.activeVersion().orElseThrow(() -> new ApiException(503, "no model is published yet"));
      request.setAttribute(AccessLog.MODEL, version);
    }
    return version;
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
    String value = request.getParameter(name);
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

  /** The ids never to answer: the explicit {@code exclude} list and, given {@code user_id}, that user's. */
  Set<String> excluded() throws IOException {
    Set<String> out = new LinkedHashSet<>();
    String query = request.getParameter("exclude");
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
    Optional<String> user = parameter("user_id");
    if (user.isPresent()) {
      out.addAll(model.excluded(version(), checkId(user.get())));
    }
    return out;
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

  /** The answer: the best {@code offset + k} of {@code items} with the first {@code offset} dropped. */
  Map<String, Object> answer(List<ScoredItem> items, String strategy) {
    int window = window();
    List<ScoredItem> page = items.subList(Math.min(offset(), Math.min(window, items.size())),
        Math.min(window, items.size()));
    List<Map<String, Object>> list = new ArrayList<>(page.size());
    for (ScoredItem item : page) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", item.getId());
      entry.put("score", Math.round(item.getScore() * 1e6) / 1e6);
      list.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", list);
    body.put("model", version());
    body.put("strategy", strategy);
    body.put("request_id", request.getAttribute(FrontDoor.REQUEST_ID));
    return body;
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
