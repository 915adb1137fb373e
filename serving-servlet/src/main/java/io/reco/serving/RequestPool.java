package io.reco.serving;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that answer the API, apart from the container's: {@code threads} of them, with a queue of at most
 * {@code queued} requests, each waiting at most {@code maxWaitMillis} for a thread. A request past the queue, or
 * one that waited longer, is answered 503 with {@code Retry-After} at once - when HBase stalls, the API's
 * requests pile up here, bounded, while the container's threads keep answering health and metrics.
 */
final class RequestPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestPool.class);

  /** What a request does on a pool thread. */
  interface Answer {
    void run() throws IOException;
  }

  private final ThreadPoolExecutor executor;
  private final long maxWaitNanos;

  RequestPool(int threads, int queued, long maxWaitMillis) {
    if (threads < 1 || queued < 1 || maxWaitMillis < 1) {
      throw new IllegalArgumentException("the API's threads, queue and wait must be 1 or more, were " + threads
          + ", " + queued + " and " + maxWaitMillis);
    }
    AtomicInteger number = new AtomicInteger();
    executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
        r -> {
          Thread t = new Thread(r, "api-" + number.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
  }

  /** Answers the request on a pool thread, or 503 at once when the queue is full. */
  void answer(HttpServletRequest request, HttpServletResponse response, Answer answer) throws IOException {
    AsyncContext async = request.startAsync();
    async.setTimeout(0); // the pool's own wait bound and the HBase timeout end every request
    long queuedAt = System.nanoTime();
    try {
      executor.execute(() -> {
        try {
          if (System.nanoTime() - queuedAt > maxWaitNanos) {
            busy(response);
          } else {
            answer.run();
          }
        } catch (IOException | RuntimeException e) {
          // the client went away while its answer was written: nothing to answer to; or the answer failed before a
          // byte of it was written (the service stopping under it): never a 200 without a body
          LOG.debug("{} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
          if (!response.isCommitted()) {
            try {
              response.resetBuffer();
              busy(response);
            } catch (IOException | RuntimeException again) {
              LOG.debug("and its 503 could not be written either: {}", again.toString());
            }
          }
        } finally {
          async.complete();
        }
      });
    } catch (RejectedExecutionException e) {
      try {
        busy(response);
      } finally {
        async.complete();
      }
    }
  }

  private static void busy(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader("Retry-After", "1");
    JsonServlet.write(response, Map.of("error", "the service is busy; retry shortly"));
  }

  /** Requests waiting for a thread. */
  int queued() {
    return executor.getQueue().size();
  }

  /** Threads answering now. */
  int active() {
    return executor.getActiveCount();
  }

  /** Stops the threads; call once the server answers nothing more. */
  @Override
  public void close() {
    executor.shutdown();
  }
}
