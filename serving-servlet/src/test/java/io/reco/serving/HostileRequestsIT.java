package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests a hostile or careless client sends, over a raw socket: each is answered with its status and a JSON
 * {@code {"error"}} body - the container's own errors included - with no server banner and nothing of the
 * server's insides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private RecoServer server;

  @BeforeAll
  void start() throws Exception {
    server = SharedServers.start(conf -> { });
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  /** The response to {@code head} (request line and headers, CRLF-separated, without the final blank line). */
  private String send(String head) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "GET /nope HTTP/1.1|404",
      "GET / HTTP/1.1|404",
      "GET /v1/items/a/similar?k=% HTTP/1.1|400",
      "GET /v1/items/a/similar?k=%zz HTTP/1.1|400",
      "GET /v1/users/u%zz/recommendations HTTP/1.1|400",
      "TRACE /v1/items/a/similar HTTP/1.1|405",
      "DELETE /v1/items/a/similar HTTP/1.1|405",
      "PUT /v1/items/a/similar HTTP/1.1|405",
      "POST /health/ready HTTP/1.1|405",
      "FROB /v1/items/a/similar HTTP/1.1|405",
      "GARBAGE|400",
      "GET /v1/items/a/similar HTTP/3.7|505",
      "PATCH /v1/items/a/similar HTTP/1.1|405",
      "OPTIONS /v1/items/a/similar HTTP/1.1|405",
      "OPTIONS * HTTP/1.1|405",
      "CONNECT 127.0.0.1:22 HTTP/1.1|405",
      "PROPFIND /v1/items/a/similar HTTP/1.1|405",
      "get /v1/items/a/similar HTTP/1.1|405",
      "POST /v1/items/a/similar HTTP/1.1|405",
      "POST /admin/cache/flush HTTP/1.1|404",
      "GET /admin/cache/flush HTTP/1.1|404",
      "GET /v1/items/a/similar?k=1&offset=100 HTTP/1.1|400",
      "GET /v1/items/a/similar?offset=-1 HTTP/1.1|400",
      "GET /v1/items/a/similar?k=60&offset=50 HTTP/1.1|400",
      "GET /v1/items/%ff%fe/similar HTTP/1.1|400",
      "GET /v1/items/a%00b/similar HTTP/1.1|400",
      "GET /v1/../../etc/passwd HTTP/1.1|400",
      "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1|400",
      "GET http://evil.example/nope HTTP/1.1|404",
      "GET /v1/items/a/similar HTTP/1.1~Content-Length: 99999999|413",
      "GET /v1/items/a/similar HTTP/1.1~Content-Length: x|400",
      "GET /v1/items/a/similar HTTP/1.1~Transfer-Encoding: gzip, chunked, x|400",
  })
  void isAnsweredWithItsStatusInJson(String requestLine, int status) throws Exception {
    assertJsonError(send(requestLine.replace("~", "\r\n")
        + "\r\nHost: x\r\nCookie: session=secret\r\nAuthorization: Basic c2VjcmV0"), status);
  }

  @org.junit.jupiter.api.Test
  void anIdLongerThanAnyModelHoldsIs400() throws Exception {
    String response = send("GET /v1/items/" + "x".repeat(300) + "/similar HTTP/1.1\r\nHost: x");
    assertJsonError(response, 400);
    assertTrue(response.contains("an id has at most 256 characters; this one has 300"), response);
  }

  @org.junit.jupiter.api.Test
  void aUriTooLongForTheServerIs414Json() throws Exception {
    assertJsonError(send("GET /v1/items/" + "x".repeat(10_000) + "/similar HTTP/1.1\r\nHost: x"), 414);
  }

  @org.junit.jupiter.api.Test
  void headersTooLargeAre431Json() throws Exception {
    assertJsonError(send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(9_000)), 431);
  }

  private static void assertJsonError(String response, int status) throws Exception {
    int headEnd = response.indexOf("\r\n\r\n");
    assertTrue(headEnd > 0, response);
    String head = response.substring(0, headEnd);
    String body = response.substring(headEnd + 4);
    if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
      body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
    }
    assertTrue(head.startsWith("HTTP/1.1 " + status + " "), head);
    assertTrue(head.toLowerCase(Locale.ROOT).contains("content-type: application/json"), head);
    assertFalse(head.toLowerCase(Locale.ROOT).contains("\r\nserver:"), "no server banner: " + head);
    JsonNode error = JSON.readTree(body.trim());
    assertTrue(error.get("error").isTextual(), body);
    for (String leak : new String[] {"org.eclipse", "Exception", "Servlet", "secret", "c2VjcmV0"}) {
      assertFalse(body.contains(leak), "the body shows " + leak + ": " + body);
    }
  }
}
