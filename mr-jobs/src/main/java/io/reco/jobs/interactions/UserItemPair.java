package io.reco.jobs.interactions;

import io.reco.jobs.common.MahoutIds;

/**
 * One line of the interactions job's {@code pairs} output, read by the jobs after it:
 * {@code userId TAB itemId TAB weight TAB lastTimestamp TAB events}.
 *
 * @param userId the user
 * @param itemId the item
 * @param weight strongest event weight, see {@link InteractionWeights}
 * @param lastTimestamp latest event time, UTC epoch milliseconds
 * @param events number of events
 */
public record UserItemPair(String userId, String itemId, int weight, long lastTimestamp, long events) {

  /** The line form. */
  public String format() {
    return userId + '\t' + itemId + '\t' + weight + '\t' + lastTimestamp + '\t' + events;
  }

  /** The line Mahout's jobs read under {@code prefs}: {@code userHash,itemHash,weight} ({@link MahoutIds}). */
  public String prefsLine() {
    return MahoutIds.of(userId) + "," + MahoutIds.of(itemId) + "," + weight;
  }

  /** Parses a line written by {@link #format}. */
  public static UserItemPair parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 5) {
      throw new IllegalArgumentException("pairs line has " + f.length + " fields, expected 5: " + line);
    }
    return new UserItemPair(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
  }
}
