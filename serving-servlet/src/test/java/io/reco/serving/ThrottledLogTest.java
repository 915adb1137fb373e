package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A burst of like warnings is one line, and the next line says how many were left out. */
class ThrottledLogTest {
  @Test
  void aBurstIsOneLineAndTheNextCountsTheRest() {
    List<String> lines = new CopyOnWriteArrayList<>();
    org.apache.log4j.Logger target = org.apache.log4j.Logger.getLogger("throttled-test");
    target.addAppender(new AppenderSkeleton() {
      @Override
      protected void append(LoggingEvent event) {
        lines.add(event.getRenderedMessage());
      }

      @Override
      public void close() {
      }

      @Override
      public boolean requiresLayout() {
        return false;
      }
    });
    target.setLevel(org.apache.log4j.Level.WARN);
    AtomicLong now = new AtomicLong(1_000_000_000L);
    ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger("throttled-test"), 200, now::get);
    for (int i = 0; i < 50; i++) {
      log.warn(() -> "HBase down");
    }
    now.addAndGet(199_000_000L);
    log.warn(() -> "HBase down");
    assertEquals(List.of("HBase down"), lines, "199 ms later: still within the interval");
    now.addAndGet(1_000_000L);
    log.warn(() -> "HBase down");
    assertEquals(2, lines.size());
    assertTrue(lines.get(1).equals("HBase down (and 50 more like it since the last)"), lines.get(1));
  }
}
