package io.reco.ingest.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetadataPageTest {
  private static MetadataPage parse(String body) throws Exception {
    return MetadataPage.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertMalformed(String body, String message) {
    MetadataPage.MalformedException e = assertThrows(MetadataPage.MalformedException.class, () -> parse(body));
    assertEquals(message, e.getMessage());
  }

  @Test
  void pagesWithAndWithoutNext() throws Exception {
    MetadataPage page = parse("{\"items\":[{\"product_id\":\"p1\"},7],\"next\":\" ?page=2 \"}");
    assertEquals("[{\"product_id\":\"p1\"}, 7]", page.items().toString());
    assertEquals("?page=2", page.next());
    assertNull(parse("{\"items\":[],\"next\":null}").next());
    assertNull(parse("{\"items\":[]}").next());
  }

  @Test
  void malformedBodies() {
    assertMalformed("{\"items\":[{\"product_id\":\"p1\"", "not JSON: Unexpected end-of-input: expected close "
        + "marker for Object (start marker at [Sour...");
    assertMalformed("", "not a JSON object");
    assertMalformed("[]", "not a JSON object");
    assertMalformed("{\"data\":[]}", "no 'items' array");
    assertMalformed("{\"items\":{}}", "no 'items' array");
    assertMalformed("{\"items\":[],\"next\":2}", "'next' must be a URL or null, was 2");
    assertMalformed("{\"items\":[],\"next\":\"http://a b\"}",
        "'next' is not a URL: Illegal character in authority at index 7: http://a b");
    assertMalformed("{\"items\":[]} {\"items\":[]}", "not JSON: Trailing token (of type START_OBJECT) found after "
        + "value (bound as `com.fasterxml...");
  }
}
