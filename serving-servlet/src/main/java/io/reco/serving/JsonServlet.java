package io.reco.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GET-only servlet answering JSON. An {@link ApiException} becomes its status with {@code {"error": message}};
 * a failed read of HBase a 503 with {@code Retry-After}; anything else a 500 with a generic message, logged here,
 * never shown to the client.
 */
abstract class JsonServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(JsonServlet.class);
  static final ObjectMapper JSON = new ObjectMapper();

  /** The JSON body of a GET, or an {@link ApiException}. */
  abstract Object get(HttpServletRequest request, HttpServletResponse response) throws IOException;

  @Override
  protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object body;
    try {
      body = get(request, response);
    } catch (ApiException e) {
      response.setStatus(e.status());
      body = Map.of("error", e.getMessage());
    } catch (BadMessageException e) {
      // the client's mistake, such as a malformed percent-encoding in the query: no stack in the log
      response.setStatus(e.getCode());
      body = Map.of("error", "bad request: " + (e.getReason() == null ? "malformed" : e.getReason()));
    } catch (IOException | UncheckedIOException e) {
      // HBase slow, down or a table offline: a moment's unavailability, which a client retries
      LOG.warn("{} {}: the model store did not answer: {}", request.getMethod(), request.getRequestURI(),
          e.getMessage());
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", "1");
      body = Map.of("error", "the model store does not answer; retry shortly");
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
      response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      body = Map.of("error", "internal error; the service log has the details");
    }
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), body);
  }
}
