package io.reco.serving;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.servlet.DispatcherType;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * What every request passes first: it gets its request id ({@code X-Request-Id}: the client's if it is a sane
 * token, else a new one; echoed in the response, the access log and the body), its start time, and the checks
 * that need no servlet. GET and HEAD everywhere, POST only under {@code /admin/} and on the API's POST endpoints
 * ({@link Endpoint}); every other method is 405 in JSON with {@code Allow}, TRACE (which would echo a client's cookies back) among them. A body
 * longer than the limit is 413.
 */
final class FrontDoor extends HandlerWrapper {
  /** The request attribute holding the request id. */
  static final String REQUEST_ID = "io.reco.request-id";
  /** The request attribute holding System.nanoTime at arrival. */
  static final String STARTED = "io.reco.started";
  static final String REQUEST_ID_HEADER = "X-Request-Id";
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final long maxBodyBytes;

  FrontDoor(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (baseRequest.getDispatcherType() != DispatcherType.REQUEST) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    baseRequest.setAttribute(STARTED, System.nanoTime());
    String id = request.getHeader(REQUEST_ID_HEADER);
    if (id == null || !SANE_ID.matcher(id).matches()) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      id = Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
    baseRequest.setAttribute(REQUEST_ID, id);
    response.setHeader(REQUEST_ID_HEADER, id);
    String method = request.getMethod();
    boolean admin = target.startsWith("/admin/");
    boolean posts = admin || Endpoint.of(target).filter(e -> "POST".equals(e.method())).isPresent();
    if (!"GET".equals(method) && !"HEAD".equals(method) && !(posts && "POST".equals(method))) {
      response.setHeader(HttpHeader.ALLOW.asString(), admin ? "GET, HEAD, POST" : posts ? "POST" : "GET, HEAD");
      refuse(baseRequest, response, HttpStatus.METHOD_NOT_ALLOWED_405, method + " is not allowed; "
          + (posts && !admin ? "this endpoint answers POST" : "the API answers GET (and HEAD)"
          + (admin ? " and POST" : "")));
      return;
    }
    if (request.getContentLengthLong() > maxBodyBytes) {
      refuse(baseRequest, response, HttpStatus.PAYLOAD_TOO_LARGE_413, "a request body has at most " + maxBodyBytes
          + " bytes; this one has " + request.getContentLengthLong());
      return;
    }
    super.handle(target, baseRequest, request, response);
  }

  private static void refuse(Request baseRequest, HttpServletResponse response, int status, String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setStatus(status);
    // what follows on this connection (a body left unread, a CONNECT tunnel) is not read: close it
    response.setHeader(HttpHeader.CONNECTION.asString(), "close");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JsonErrorHandler.body(message));
  }
}
