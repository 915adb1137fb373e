package io.reco.serving;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per answered request on the logger {@code io.reco.access} - {@code time}, {@code method},
 * {@code endpoint}, {@code path}, {@code status}, {@code latency_ms}, {@code model}, {@code variant} (the A/B
 * experiment's, {@code experiment/variant}, or {@code none}), {@code request_id},
 * {@code bytes} - and the request's latency in the metrics, labelled by endpoint and status.
 */
final class AccessLog implements RequestLog {
  /** The request attribute in which a servlet names the model version that answered. */
  static final String MODEL = "io.reco.model";
  static final String VARIANT = "io.reco.variant";
  private static final Logger LOG = LoggerFactory.getLogger("io.reco.access");
  private static final int MAX_PATH = 512;

  private final ServingMetrics metrics;

  AccessLog(ServingMetrics metrics) {
    this.metrics = metrics;
  }

  /** The endpoint a path belongs to, by name: a bounded set of labels, never an id. */
  static String endpoint(String path) {
    if (path == null) {
      return "other";
    }
    Optional<Endpoint> api = Endpoint.of(path);
    if (api.isPresent()) {
      return api.get().label();
    }
    return switch (path) {
      case "/health/live" -> "health_live";
      case "/health/ready" -> "health_ready";
      case "/metrics" -> "metrics";
      case "/admin/cache/flush" -> "admin_cache_flush";
      default -> path.startsWith("/admin/model/") ? "admin_model" : "other";
    };
  }

  @Override
  public void log(Request request, Response response) {
    Object started = request.getAttribute(FrontDoor.STARTED);
    long nanos = started instanceof Long t ? System.nanoTime() - t
        : (System.currentTimeMillis() - request.getTimeStamp()) * 1_000_000;
    int status = response.getCommittedMetaData().getStatus();
    String path = request.getRequestURI();
    String endpoint = endpoint(path);
    metrics.request(endpoint, status, nanos);
    if (LOG.isInfoEnabled()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("time", Instant.ofEpochMilli(request.getTimeStamp()).toString());
      line.put("method", request.getMethod());
      line.put("endpoint", endpoint);
      line.put("path", path != null && path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "..." : path);
      line.put("status", status);
      line.put("latency_ms", Math.round(nanos / 1e4) / 100.0);
      line.put("model", request.getAttribute(MODEL));
      line.put("variant", request.getAttribute(VARIANT));
      line.put("request_id", request.getAttribute(FrontDoor.REQUEST_ID));
      line.put("bytes", response.getHttpChannel().getBytesWritten());
      try {
        LOG.info(JsonServlet.JSON.writeValueAsString(line));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        LOG.warn("cannot write an access log line: {}", e.getMessage());
      }
    }
  }
}
