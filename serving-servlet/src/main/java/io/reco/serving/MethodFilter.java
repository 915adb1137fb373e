package io.reco.serving;

import java.io.IOException;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Answers 405 in JSON, with {@code Allow}, to every method but GET and HEAD before any servlet sees it: the API
 * reads only, and TRACE, which would echo a client's cookies and authorization back, is off.
 */
final class MethodFilter extends HandlerWrapper {
  private static final Set<String> ALLOWED = Set.of("GET", "HEAD");

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (ALLOWED.contains(request.getMethod())) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    baseRequest.setHandled(true);
    response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
    response.setHeader(HttpHeader.ALLOW.asString(), "GET, HEAD");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JsonErrorHandler.body(request.getMethod() + " is not allowed; the API answers"
        + " GET (and HEAD)"));
  }
}
