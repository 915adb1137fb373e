package io.reco.serving;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@code GET /metrics}: the {@link ServingMetrics} in Prometheus's text format. */
final class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient ServingMetrics metrics;

  MetricsServlet(ServingMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] text = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.setContentLength(text.length);
    response.getOutputStream().write(text);
  }
}
