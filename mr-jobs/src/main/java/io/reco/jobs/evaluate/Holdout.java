package io.reco.jobs.evaluate;

import io.reco.jobs.interactions.UserItemPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits (user, item) interactions by time into training, validation and test parts, by one of two protocols:
 * {@link #perUser} holds out each user's newest interactions (every test user is known); {@link #global} cuts the
 * whole log at two moments (test users may be new). An interaction falls in one part only, by its last event.
 */
public final class Holdout {
  /** Oldest first, then by user and item, so that a split is the same however the input was ordered. */
  static final Comparator<UserItemPair> BY_TIME = Comparator.comparingLong(UserItemPair::lastTimestamp)
      .thenComparing(UserItemPair::userId).thenComparing(UserItemPair::itemId);

  /** The three parts. */
  public record Split(List<UserItemPair> train, List<UserItemPair> validation, List<UserItemPair> test) {
  }

  private Holdout() {
  }

  /**
   * Each user's newest {@code testShare} of interactions to test and the next newest {@code validationShare} to
   * validation (each at least one); a user with fewer than {@code minPairs} interactions stays in training whole.
   */
  public static Split perUser(List<UserItemPair> pairs, double testShare, double validationShare, int minPairs) {
    checkShares(testShare, validationShare);
    Map<String, List<UserItemPair>> byUser = new LinkedHashMap<>();
    for (UserItemPair pair : pairs) {
      byUser.computeIfAbsent(pair.userId(), u -> new ArrayList<>()).add(pair);
    }
    List<UserItemPair> train = new ArrayList<>();
    List<UserItemPair> validation = new ArrayList<>();
    List<UserItemPair> test = new ArrayList<>();
    for (List<UserItemPair> user : byUser.values()) {
      user.sort(BY_TIME);
      int n = user.size();
      if (n < minPairs) {
        train.addAll(user);
        continue;
      }
      int nTest = Math.max(1, (int) Math.round(n * testShare));
      int nValidation = validationShare == 0 ? 0 : Math.max(1, (int) Math.round(n * validationShare));
      int trainEnd = n - nTest - nValidation;
      train.addAll(user.subList(0, trainEnd));
      validation.addAll(user.subList(trainEnd, n - nTest));
      test.addAll(user.subList(n - nTest, n));
    }
    return new Split(train, validation, test);
  }

  /** The oldest {@code 1 - testShare - validationShare} of the log to training, the newest {@code testShare} to test. */
  public static Split global(List<UserItemPair> pairs, double testShare, double validationShare) {
    checkShares(testShare, validationShare);
    List<UserItemPair> sorted = new ArrayList<>(pairs);
    sorted.sort(BY_TIME);
    int n = sorted.size();
    int testFrom = n - (int) Math.round(n * testShare);
    int validationFrom = testFrom - (int) Math.round(n * validationShare);
    return new Split(new ArrayList<>(sorted.subList(0, validationFrom)),
        new ArrayList<>(sorted.subList(validationFrom, testFrom)), new ArrayList<>(sorted.subList(testFrom, n)));
  }

  private static void checkShares(double testShare, double validationShare) {
    if (!(testShare > 0) || !(validationShare >= 0) || testShare + validationShare >= 1) {
      throw new IllegalArgumentException("the test share must be more than 0 and the validation share 0 or more,"
          + " together below 1; were " + testShare + " and " + validationShare);
    }
  }
}
