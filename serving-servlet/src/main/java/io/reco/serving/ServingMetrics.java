package io.reco.serving;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The service's meters, exposed in Prometheus's text format at {@code GET /metrics}. Labels are bounded: the
 * endpoint's name (never a path with ids in it), the status code, the HBase table and the outcome.
 *
 * <ul>
 *   <li>{@code reco_http_requests_seconds{endpoint,status}}: request latency histogram;</li>
 *   <li>{@code reco_hbase_calls_seconds{table,outcome}}: HBase read latency, {@code outcome="error"} for failures;</li>
 *   <li>{@code cache_gets_total{cache="reco_lists",result}} and the other {@code cache_*} meters: the list
 *       cache's hits, misses, evictions and size;</li>
 *   <li>{@code reco_model_active{version}}: 1 for the version served;</li>
 *   <li>{@code reco_api_requests_queued}, {@code reco_api_requests_active}: the API's own threads' use;</li>
 *   <li>{@code jetty_threads_*}: the container's thread pool's use; {@code jvm_*}, {@code process_*}.</li>
 * </ul>
 */
final class ServingMetrics implements AutoCloseable {
  private static final Duration[] BUCKETS = {
      Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MultiGauge activeModel;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  ServingMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
    activeModel = MultiGauge.builder("reco_model_active").description("1 for the model version served")
        .register(registry);
  }

  /** Meters the server's request threads. */
  void threads(QueuedThreadPool pool) {
    new JettyServerThreadPoolMetrics(pool, Tags.empty()).bindTo(registry);
  }

  /** Meters the API's own threads and queue. */
  void pool(RequestPool pool) {
    Gauge.builder("reco_api_requests_queued", pool, RequestPool::queued)
        .description("API requests waiting for a thread").register(registry);
    Gauge.builder("reco_api_requests_active", pool, RequestPool::active)
        .description("API requests being answered").register(registry);
  }

  /** The feedback events Kafka acknowledged and those spooled while it did not take them. */
  void feedback(FeedbackLog feedback) {
    FunctionCounter.builder("reco_feedback_events_sent", feedback, f -> f.counts()[0])
        .description("impressions and clicks Kafka acknowledged").register(registry);
    FunctionCounter.builder("reco_feedback_events_spooled", feedback, f -> f.counts()[1])
        .description("impressions and clicks spooled to disk while Kafka did not take them").register(registry);
  }

  /** The registry, for binders such as the cache's. */
  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** One answered request. */
  void request(String endpoint, int status, long nanos) {
    timer("reco_http_requests", "Latency of answered requests", Tags.of("endpoint", endpoint, "status",
        Integer.toString(status))).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One HBase read of {@code table}, failed or not. */
  void hbaseCall(String table, boolean ok, long nanos) {
    timer("reco_hbase_calls", "Latency of the service's HBase reads", Tags.of("table", table, "outcome",
        ok ? "ok" : "error")).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The version now served, or none. */
  void activeModel(String version) {
    activeModel.register(version == null ? List.of()
        : List.of(MultiGauge.Row.of(Tags.of("version", version), 1)), true);
  }

  /** The Prometheus text exposition. */
  String scrape() {
    return registry.scrape();
  }

  private Timer timer(String name, String description, Tags tags) {
    return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
