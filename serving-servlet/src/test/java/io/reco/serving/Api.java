package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.schema.avro.ScoredItem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The API as the use-case tests ask it: requests over real HTTP, and what a user reads of the answers. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Api() {
  }

  static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String url, String body) throws Exception {
    return post(url, body, "application/json");
  }

  /** A POST with another content type, such as curl's default {@code application/x-www-form-urlencoded}. */
  static HttpResponse<String> post(String url, String body, String contentType) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The body of a 200 answer, which always names its request. */
  static JsonNode body(HttpResponse<String> response) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = JSON.readTree(response.body());
    assertTrue(body.get("request_id").asText().length() > 0, response.body());
    return body;
  }

  /** "ids strategy" of a 200 answer, such as "b,c,d similar". */
  static String answer(HttpResponse<String> response) throws Exception {
    JsonNode body = body(response);
    List<String> ids = new ArrayList<>();
    body.get("items").forEach(item -> ids.add(item.get("id").asText()));
    return String.join(",", ids) + " " + body.get("strategy").asText();
  }

  /** A list of (id, score) pairs. */
  static List<ScoredItem> list(Object... idsAndScores) {
    List<ScoredItem> out = new ArrayList<>();
    for (int i = 0; i < idsAndScores.length; i += 2) {
      out.add(new ScoredItem((String) idsAndScores[i], ((Number) idsAndScores[i + 1]).doubleValue()));
    }
    return out;
  }
}
