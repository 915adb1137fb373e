package io.reco.serving;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Health, mounted at {@code /health/*}: {@code GET /health/live} is 200 while the process serves;
 * {@code GET /health/ready} is 200 with the model version once every table exists and a model is active, else 503.
 */
final class HealthServlet extends JsonServlet {
  private static final long serialVersionUID = 1L;

  private final transient ModelReader model;

  HealthServlet(ModelReader model) {
    this.model = model;
  }

  @Override
  Object get(HttpServletRequest request, HttpServletResponse response) {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    Map<String, Object> body = new LinkedHashMap<>();
    switch (path) {
      case "/live" -> body.put("status", "live");
      case "/ready" -> {
        if (!model.ready()) {
          throw new ApiException(503, "not ready: tables missing or no model published yet");
        }
        body.put("status", "ready");
        body.put("model", model.activeVersion().orElseThrow());
      }
      default -> throw new ApiException(404, "no such endpoint: " + request.getRequestURI()
          + "; try /health/live or /health/ready");
    }
    return body;
  }
}
