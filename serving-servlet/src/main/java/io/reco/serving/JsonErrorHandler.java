package io.reco.serving;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;

/**
 * Jetty's own errors as the API's: every status the container answers - an unknown path, a request line or header
 * it cannot parse, a URI too long - is {@code {"error": "..."}} in JSON, with the status's reason in words and
 * nothing of the server's insides (no stack, no servlet or exception names).
 */
final class JsonErrorHandler extends ErrorHandler {
  JsonErrorHandler() {
    setShowStacks(false);
    setShowServlet(false);
    setShowMessageInTitle(false);
  }

  /** The error's words: the reason phrase of the status, and for a 404 the path asked for. */
  static String message(int status, String path) {
    if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
      return "the service is busy; retry shortly";
    }
    String reason = HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
    return status == HttpStatus.NOT_FOUND_404 && path != null ? "no such endpoint: " + path : reason;
  }

  static byte[] body(String message) {
    try {
      return JsonServlet.JSON.writeValueAsBytes(Map.of("error", message));
    } catch (IOException e) {
      throw new IllegalStateException("a map of one string always serialises", e);
    }
  }

  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, String message) throws IOException {
    baseRequest.setHandled(true);
    if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
      // an API request that waited its turn too long: a moment's overload, which a client retries
      response.setHeader(HttpHeader.RETRY_AFTER.asString(), "1");
    }
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(body(message(code, request.getRequestURI())));
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
    return BufferUtil.toBuffer(body(message(status, null)));
  }
}
