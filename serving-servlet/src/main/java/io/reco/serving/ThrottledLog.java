package io.reco.serving;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;

/** Warnings of one kind at most once per interval, each saying how many were left out since the last. */
final class ThrottledLog {
  private final Logger log;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  ThrottledLog(Logger log, long intervalMillis) {
    this(log, intervalMillis, System::nanoTime);
  }

  /** With {@code clock} in nanoseconds (tests). */
  ThrottledLog(Logger log, long intervalMillis, LongSupplier clock) {
    this.log = log;
    this.intervalNanos = intervalMillis * 1_000_000;
    this.clock = clock;
  }

  void warn(Supplier<String> message) {
    long now = clock.getAsLong();
    long due = next.get();
    if ((due == Long.MIN_VALUE || now - due >= 0) && next.compareAndSet(due, now + intervalNanos)) {
      long left = suppressed.getAndSet(0);
      log.warn(left == 0 ? message.get() : message.get() + " (and " + left + " more like it since the last)");
    } else {
      suppressed.incrementAndGet();
    }
  }
}
