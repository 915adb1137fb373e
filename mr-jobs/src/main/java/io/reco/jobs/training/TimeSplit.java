package io.reco.jobs.training;

import java.util.Map;
import java.util.SortedMap;

/**
 * A split of examples by time, oldest to newest, into train, validation and test at hour boundaries: the first cut
 * is the earliest hour boundary with at least the train share of the examples before it, the second the earliest
 * with at least the train and validation shares. Knows nothing of MapReduce.
 *
 * @param validationFrom the first time in validation (UTC epoch ms)
 * @param testFrom the first time in test
 */
record TimeSplit(long validationFrom, long testFrom) {
  private static final long HOUR = 3_600_000L;

  /** The split names, as directories. */
  static final String TRAIN = "train";
  /** Validation examples' directory. */
  static final String VALIDATION = "validation";
  /** Test examples' directory. */
  static final String TEST = "test";

  /** Parses {@code "70,10,20"}: three whole percentages that add up to 100. */
  static int[] shares(String setting) {
    String[] parts = setting.split(",");
    if (parts.length != 3) {
      throw new IllegalArgumentException("the split must be three percentages, train,validation,test; was '"
          + setting + "'");
    }
    int[] shares = new int[3];
    for (int i = 0; i < 3; i++) {
      shares[i] = Integer.parseInt(parts[i].trim());
      if (shares[i] < 0) {
        throw new IllegalArgumentException("a split share must be 0 or more, was '" + setting + "'");
      }
    }
    if (shares[0] + shares[1] + shares[2] != 100) {
      throw new IllegalArgumentException("the split's shares must add up to 100, were '" + setting + "'");
    }
    return shares;
  }

  /** The split of the examples counted per hour ({@code hour start -> examples}) with {@code shares}. */
  static TimeSplit of(SortedMap<Long, Long> perHour, int[] shares) {
    long total = perHour.values().stream().mapToLong(Long::longValue).sum();
    long trainUpTo = Math.round(total * shares[0] / 100.0);
    long validationUpTo = Math.round(total * (shares[0] + shares[1]) / 100.0);
    long seen = 0;
    long validationFrom = Long.MIN_VALUE;
    long testFrom = Long.MIN_VALUE;
    long last = perHour.isEmpty() ? 0 : perHour.lastKey() + HOUR;
    for (Map.Entry<Long, Long> hour : perHour.entrySet()) {
      if (validationFrom == Long.MIN_VALUE && seen >= trainUpTo) {
        validationFrom = hour.getKey();
      }
      if (testFrom == Long.MIN_VALUE && seen >= validationUpTo) {
        testFrom = hour.getKey();
      }
      seen += hour.getValue();
    }
    validationFrom = validationFrom == Long.MIN_VALUE ? last : validationFrom;
    testFrom = testFrom == Long.MIN_VALUE ? last : testFrom;
    return new TimeSplit(validationFrom, Math.max(testFrom, validationFrom));
  }

  /** The split an example at {@code time} belongs to. */
  String of(long time) {
    return time < validationFrom ? TRAIN : time < testFrom ? VALIDATION : TEST;
  }

  /** The hour an example at {@code time} is counted in. */
  static long hourOf(long time) {
    return Math.floorDiv(time, HOUR) * HOUR;
  }
}
