package io.reco.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Held entries come back in order, whole, from memory and from the spill alike; discarded ones never do. */
class HeldOutputTest {
  private static List<String> released(HeldOutput held) throws Exception {
    List<String> out = new ArrayList<>();
    held.release((tag, key, bytes, offset, length) -> out.add(tag + "/" + key + "/"
        + new String(bytes, offset, length, StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void entriesAreReleasedInTheOrderAdded() throws Exception {
    try (HeldOutput held = new HeldOutput()) {
      held.add((byte) 1, -5, "a".getBytes(StandardCharsets.UTF_8), 0, 1);
      held.begin((byte) 0, Long.MAX_VALUE);
      held.stream().write("bc".getBytes(StandardCharsets.UTF_8));
      held.end();
      held.add((byte) 2, 7, new byte[0], 0, 0);
      assertEquals(3, held.size());
      assertEquals(List.of("1/-5/a", "0/9223372036854775807/bc", "2/7/"), released(held));
      assertEquals(List.of(), released(held), "a release empties it");
    }
  }

  @Test
  void entriesPastTheMemoryBoundSpillAndComeBackInOrder() throws Exception {
    byte[] kilobyte = new byte[1024];
    Arrays.fill(kilobyte, (byte) 'x');
    int n = HeldOutput.IN_MEMORY / 1024 + 5_000;
    try (HeldOutput held = new HeldOutput()) {
      for (int i = 0; i < n; i++) {
        kilobyte[0] = (byte) ('a' + i % 26);
        held.add((byte) 0, i, kilobyte, 0, kilobyte.length);
      }
      long[] next = {0};
      held.release((tag, key, bytes, offset, length) -> {
        assertEquals(next[0], key);
        assertEquals(1024, length);
        assertEquals((byte) ('a' + key % 26), bytes[offset]);
        next[0]++;
      });
      assertEquals(n, next[0]);
    }
  }

  @Test
  void discardedEntriesAreNeverReleased() throws Exception {
    try (HeldOutput held = new HeldOutput()) {
      held.add((byte) 0, 1, "gone".getBytes(StandardCharsets.UTF_8), 0, 4);
      held.discard();
      held.add((byte) 0, 2, "kept".getBytes(StandardCharsets.UTF_8), 0, 4);
      assertEquals(List.of("0/2/kept"), released(held));
    }
  }
}
