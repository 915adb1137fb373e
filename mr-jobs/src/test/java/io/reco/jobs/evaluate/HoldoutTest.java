package io.reco.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.interactions.UserItemPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldoutTest {
  private static List<UserItemPair> user(String user, int n) {
    List<UserItemPair> pairs = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      pairs.add(new UserItemPair(user, "i" + i, 8, 1_000L * i, 1));
    }
    return pairs;
  }

  private static List<String> items(List<UserItemPair> pairs) {
    return pairs.stream().map(UserItemPair::itemId).toList();
  }

  @Test
  void perUserHoldsOutEachUsersNewestInteractions() {
    List<UserItemPair> pairs = new ArrayList<>(user("a", 10));
    Holdout.Split split = Holdout.perUser(pairs, 0.2, 0.1, 5);
    assertEquals(List.of("i0", "i1", "i2", "i3", "i4", "i5", "i6"), items(split.train()));
    assertEquals(List.of("i7"), items(split.validation()));
    assertEquals(List.of("i8", "i9"), items(split.test()));
  }

  @Test
  void aUserWithFewInteractionsStaysInTrainingWhole() {
    Holdout.Split split = Holdout.perUser(user("b", 4), 0.2, 0.1, 5);
    assertEquals(4, split.train().size());
    assertTrue(split.validation().isEmpty() && split.test().isEmpty());
  }

  @Test
  void globalCutsTheWholeLogAtTwoMoments() {
    List<UserItemPair> pairs = new ArrayList<>(user("a", 10));
    pairs.addAll(user("b", 10));
    Holdout.Split split = Holdout.global(pairs, 0.2, 0.1);
    assertEquals(14, split.train().size());
    assertEquals(2, split.validation().size());
    assertEquals(4, split.test().size());
    long trainEnd = split.train().stream().mapToLong(UserItemPair::lastTimestamp).max().orElseThrow();
    long testStart = split.test().stream().mapToLong(UserItemPair::lastTimestamp).min().orElseThrow();
    assertTrue(trainEnd <= testStart, "nothing in training is newer than the test part");
  }

  @Test
  void sharesThatLeaveNoTrainingAreRefused() {
    assertEquals("the test share must be more than 0 and the validation share 0 or more, together below 1; were 0.6"
        + " and 0.4", assertThrows(IllegalArgumentException.class, () -> Holdout.global(List.of(), 0.6, 0.4))
        .getMessage());
  }
}
