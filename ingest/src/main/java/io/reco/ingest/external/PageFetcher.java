package io.reco.ingest.external;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one page of the product metadata API with retries. Each attempt must deliver the whole response within
 * the timeout. Retried, after a {@link Backoff} delay: I/O errors, timeouts, HTTP 5xx and 429 (honouring
 * {@code Retry-After}), and 2xx bodies that are not a page ({@link MetadataPage.MalformedException}). Other
 * statuses fail at once. After the last attempt it throws a {@link PullFailedException} naming the page, the
 * number of attempts and the last cause.
 */
public final class PageFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(PageFetcher.class);

  private final HttpClient client;
  private final Duration timeout;
  private final int attempts;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private long requests;

  /** A fetcher making up to {@code attempts} attempts of at most {@code timeout} each. */
  public PageFetcher(HttpClient client, Duration timeout, int attempts, Backoff backoff, Sleeper sleeper) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be 1 or more, was " + attempts);
    }
    this.client = client;
    this.timeout = timeout;
    this.attempts = attempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  /** An HTTP client for the fetcher: connect timeout, redirects followed (not from HTTPS to HTTP), HTTP/1.1. */
  public static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** Requests made so far, retries included. */
  public long requests() {
    return requests;
  }

  /** The page at {@code uri}. */
  public MetadataPage fetch(URI uri) throws InterruptedException {
    String cause = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      String retryAfter = null;
      try {
        HttpResponse<byte[]> response = send(uri);
        int status = response.statusCode();
        if (status / 100 == 2) {
          return MetadataPage.parse(response.body());
        }
        cause = "HTTP " + status + snippet(response.body());
        if (status != 429 && status < 500) {
          throw failure(uri, attempt, cause + " (not retried)");
        }
        retryAfter = response.headers().firstValue("Retry-After").orElse(null);
      } catch (MetadataPage.MalformedException e) {
        cause = "malformed body: " + e.getMessage();
      } catch (HttpTimeoutException e) {
        cause = "no complete response within " + timeout.toMillis() + " ms";
      } catch (IOException e) {
        cause = e.getMessage() == null ? e.getClass().getSimpleName()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      if (attempt < attempts) {
        long delay = backoff.delay(attempt, retryAfter);
        LOG.debug("{} attempt {} failed: {}; next in {} ms", uri, attempt, cause, delay);
        sleeper.sleep(delay);
      }
    }
    throw failure(uri, attempts, cause);
  }

  private HttpResponse<byte[]> send(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Accept", "application/json")
        .GET()
        .build();
    requests++;
    CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request,
        HttpResponse.BodyHandlers.ofByteArray());
    try {
      // the request timeout covers the headers only; this covers the body too
      return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      response.cancel(true);
      throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      response.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
    }
  }

  private static PullFailedException failure(URI uri, int attempts, String cause) {
    return new PullFailedException("page " + uri + " failed after " + attempts
        + (attempts == 1 ? " attempt: " : " attempts: ") + cause);
  }

  private static String snippet(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    if (text.isEmpty()) {
      return "";
    }
    return ": " + (text.length() > 100 ? text.substring(0, 100) + "..." : text);
  }
}
