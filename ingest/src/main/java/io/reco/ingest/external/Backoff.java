package io.reco.ingest.external;

import java.util.Random;

/**
 * How long to wait before the next attempt: exponential backoff with full jitter, a uniform draw from
 * {@code [0, min(cap, base * 2^(failures - 1))]} ms, so clients that failed together do not come back together.
 * A server's {@code Retry-After} in seconds replaces the draw, up to its own cap; the HTTP-date form is ignored.
 */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final long retryAfterCapMillis;
  private final Random random;

  /** A backoff drawing from {@code random}; seed it for repeatable delays. */
  public Backoff(long baseMillis, long capMillis, long retryAfterCapMillis, Random random) {
    if (baseMillis < 0 || capMillis < baseMillis || retryAfterCapMillis < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= base <= cap and a Retry-After cap >= 0, got base "
          + baseMillis + ", cap " + capMillis + ", Retry-After cap " + retryAfterCapMillis);
    }
    this.baseMillis = baseMillis;
    this.capMillis = capMillis;
    this.retryAfterCapMillis = retryAfterCapMillis;
    this.random = random;
  }

  /** The largest delay after {@code failures} failed attempts (1 or more). */
  public long ceiling(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be 1 or more, was " + failures);
    }
    return failures > 32 ? capMillis : Math.min(capMillis, baseMillis << (failures - 1));
  }

  /** The delay after {@code failures} failed attempts, honouring {@code retryAfter} (a header value or null). */
  public long delay(int failures, String retryAfter) {
    long server = retryAfterMillis(retryAfter);
    if (server >= 0) {
      return server;
    }
    return Math.floorMod(random.nextLong(), ceiling(failures) + 1);
  }

  /** A {@code Retry-After} of whole seconds as capped milliseconds, or -1 when absent or not in seconds. */
  public long retryAfterMillis(String retryAfter) {
    if (retryAfter == null || !retryAfter.trim().matches("\\d{1,9}")) {
      return -1;
    }
    return Math.min(Long.parseLong(retryAfter.trim()) * 1000, retryAfterCapMillis);
  }
}
