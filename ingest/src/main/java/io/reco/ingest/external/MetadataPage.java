package io.reco.ingest.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of the product metadata API: {@code {"items": [...], "next": "<URL>" | null}}. A body that is not a
 * JSON object with an {@code items} array, or whose {@code next} is neither null nor a URI, is malformed; that is
 * usually a truncated response, so it is worth another attempt.
 *
 * @param items the page's items as they came, whatever their shape
 * @param next the next page, absolute or relative to this one, or null on the last page
 */
public record MetadataPage(List<JsonNode> items, String next) {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** A body that is not a page. */
  public static final class MalformedException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /** Parses a response body. */
  public static MetadataPage parse(byte[] body) throws MalformedException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedException("not JSON: " + shorten(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new MalformedException("not JSON: " + shorten(e.getMessage()));
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw new MalformedException("not a JSON object");
    }
    JsonNode items = root.get("items");
    if (items == null || !items.isArray()) {
      throw new MalformedException("no 'items' array");
    }
    JsonNode next = root.get("next");
    String link = null;
    if (next != null && !next.isNull()) {
      if (!next.isTextual() || next.textValue().isBlank()) {
        throw new MalformedException("'next' must be a URL or null, was " + next);
      }
      link = next.textValue().trim();
      try {
        new URI(link);
      } catch (URISyntaxException e) {
        throw new MalformedException("'next' is not a URL: " + e.getMessage());
      }
    }
    List<JsonNode> list = new ArrayList<>(items.size());
    items.forEach(list::add);
    return new MetadataPage(List.copyOf(list), link);
  }

  /** Jackson's messages can quote half the body; the first 80 characters say enough. */
  private static String shorten(String message) {
    String text = String.valueOf(message).replaceAll("\\s+", " ");
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
