package io.reco.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet answering JSON to GET (and HEAD) and POST. An {@link ApiException} becomes its status with
 * {@code {"error": message}}; a failed read of HBase a 503 with {@code Retry-After}; anything else a 500 with a
 * generic message, logged here, never shown to the client.
 *
 * <p>Given a {@link RequestPool}, a servlet answers on the pool's threads (asynchronously, in servlet terms), so
 * that its requests wait in the pool's bounded queue and never hold the container's threads, which stay free for
 * health and metrics; a request the pool refuses, or that waited too long, is a 503 with {@code Retry-After}.
 */
abstract class JsonServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(JsonServlet.class);
  static final ObjectMapper JSON = new ObjectMapper();
  /** While HBase is down every request fails alike: one line a second says so, with the count. */
  private static final ThrottledLog STORE_FAILURES = new ThrottledLog(LOG, 1000);

  private final transient RequestPool pool;

  /** A servlet answering on the container's threads. */
  JsonServlet() {
    this(null);
  }

  /** A servlet answering on {@code pool}'s threads (null: the container's). */
  JsonServlet(RequestPool pool) {
    this.pool = pool;
  }

  /** The JSON body of a GET, or an {@link ApiException}. */
  Object get(HttpServletRequest request, HttpServletResponse response) throws IOException {
    throw new ApiException(405, "GET is not allowed here; POST is");
  }

  /** The JSON body of a POST, or an {@link ApiException}. */
  Object post(HttpServletRequest request, HttpServletResponse response) throws IOException {
    throw new ApiException(405, "POST is not allowed here; GET is");
  }

  @Override
  protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // HttpServlet answers HEAD through doGet with a wrapper it finishes after doGet returns: answer it here
    if (pool == null || "HEAD".equals(request.getMethod())) {
      answer(request, response, false);
    } else {
      HttpServletRequest held = holdPath(request);
      pool.answer(request, response, () -> answer(held, response, false));
    }
  }

  @Override
  protected final void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (pool == null) {
      answer(request, response, true);
    } else {
      HttpServletRequest held = holdPath(request);
      pool.answer(request, response, () -> answer(held, response, true));
    }
  }

  /** The request with its path info kept: the container forgets it once the dispatch to the pool returns. */
  private static HttpServletRequest holdPath(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    return new HttpServletRequestWrapper(request) {
      @Override
      public String getPathInfo() {
        return pathInfo;
      }
    };
  }

  private void answer(HttpServletRequest request, HttpServletResponse response, boolean post) throws IOException {
    Object body;
    try {
      body = post ? post(request, response) : get(request, response);
    } catch (ApiException e) {
      response.setStatus(e.status());
      body = Map.of("error", e.getMessage());
    } catch (BadMessageException e) {
      // the client's mistake, such as a malformed percent-encoding in the query: no stack in the log
      response.setStatus(e.getCode());
      body = Map.of("error", "bad request: " + (e.getReason() == null ? "malformed" : e.getReason()));
    } catch (IOException | UncheckedIOException e) {
      // HBase slow, down or a table offline: a moment's unavailability, which a client retries
      STORE_FAILURES.warn(() -> request.getMethod() + " " + request.getRequestURI()
          + ": the model store did not answer: " + e.getMessage());
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", "1");
      body = Map.of("error", "the model store does not answer; retry shortly");
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
      response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      body = Map.of("error", "internal error; the service log has the details");
    }
    write(response, body);
  }

  /** Writes {@code body} as the JSON answer. */
  static void write(HttpServletResponse response, Object body) throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), body);
  }
}
