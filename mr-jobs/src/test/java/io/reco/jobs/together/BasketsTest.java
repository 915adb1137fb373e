package io.reco.jobs.together;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BasketsTest {
  private static final long DAY = 86_400_000L;

  @Test
  void anOrderIdMakesTheBasketWhoeverBoughtAndInWhateverSession() {
    assertEquals(Baskets.key("u1", "o7", "s1", 0), Baskets.key("u2", "o7", "s2", 5 * DAY));
    assertEquals(Baskets.Kind.ORDER, Baskets.Kind.of(Baskets.key("u1", "o7", "s1", 0)));
  }

  @Test
  void withoutAnOrderIdTheUsersSessionMakesTheBasket() {
    assertEquals(Baskets.key("u1", null, "s1", 0), Baskets.key("u1", " ", "s1", 3 * DAY));
    assertNotEquals(Baskets.key("u1", null, "s1", 0), Baskets.key("u2", null, "s1", 0), "sessions are per user");
    assertEquals(Baskets.Kind.SESSION, Baskets.Kind.of(Baskets.key("u1", null, "s1", 0)));
  }

  @Test
  void withoutEitherTheUsersUtcDayMakesTheBasket() {
    assertEquals(Baskets.key("u1", null, "", DAY), Baskets.key("u1", null, null, 2 * DAY - 1));
    assertNotEquals(Baskets.key("u1", null, "", DAY - 1), Baskets.key("u1", null, "", DAY));
    assertEquals("d\tu1\t1970-01-02", Baskets.key("u1", null, "", DAY));
  }

  @Test
  void aSmallBasketIsKeptWholeAndSorted() {
    assertEquals(List.of("a", "b", "c"), Baskets.sample(List.of("c", "a", "b"), 3, 42, "o\t1"));
  }

  @Test
  void aLargeBasketIsSampledDownTheSameWayEveryTime() {
    List<String> items = IntStream.range(0, 100).mapToObj(i -> "item" + i).toList();
    List<String> sample = Baskets.sample(items, 10, 42, "o\t1");
    List<String> reversed = new ArrayList<>(items);
    Collections.reverse(reversed);
    assertEquals(10, sample.size());
    assertEquals(sample, Baskets.sample(reversed, 10, 42, "o\t1"), "whatever order the items came in");
    assertNotEquals(sample, Baskets.sample(items, 10, 42, "o\t2"), "another basket draws others");
    assertEquals(sample.stream().sorted().toList(), sample);
  }
}
