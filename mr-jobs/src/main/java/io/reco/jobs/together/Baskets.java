package io.reco.jobs.together;

import io.reco.jobs.common.MahoutIds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What a basket is: the purchases of one order when the event names one, else those of one user's session, else
 * those of one user's day (UTC); and how a basket too large to pair whole is sampled down, reproducibly.
 */
public final class Baskets {
  /** The kind of basket a key names: its first character. */
  public enum Kind {
    /** One order. */
    ORDER('o'),
    /** One user's session. */
    SESSION('s'),
    /** One user's day. */
    DAY('d');

    private final char tag;

    Kind(char tag) {
      this.tag = tag;
    }

    /** The kind of the basket {@code key} names. */
    public static Kind of(String key) {
      for (Kind kind : values()) {
        if (key.charAt(0) == kind.tag) {
          return kind;
        }
      }
      throw new IllegalArgumentException("not a basket key: " + key);
    }
  }

  private static final long DAY_MS = 24L * 3600 * 1000;

  private Baskets() {
  }

  /**
   * The basket a purchase belongs to.
   *
   * @param user the buyer
   * @param orderId the order, or null
   * @param sessionId the session, or null
   * @param timestamp the purchase's time, UTC epoch milliseconds
   */
  public static String key(String user, String orderId, String sessionId, long timestamp) {
    if (orderId != null && !orderId.isBlank()) {
      return Kind.ORDER.tag + "\t" + orderId;
    }
    if (sessionId != null && !sessionId.isBlank()) {
      return Kind.SESSION.tag + "\t" + user + "\t" + sessionId;
    }
    return Kind.DAY.tag + "\t" + user + "\t" + LocalDate.ofEpochDay(Math.floorDiv(timestamp, DAY_MS));
  }

  /**
   * The basket's distinct {@code items} (sorted), or, when there are more than {@code max}, {@code max} of them
   * drawn with a seed of {@code seed} and the basket's key, so a run over the same data draws the same ones.
   */
  public static List<String> sample(List<String> items, int max, long seed, String key) {
    List<String> sorted = new ArrayList<>(items);
    Collections.sort(sorted);
    if (sorted.size() <= max) {
      return sorted;
    }
    Collections.shuffle(sorted, new Random(seed ^ MahoutIds.of(key)));
    List<String> kept = new ArrayList<>(sorted.subList(0, max));
    Collections.sort(kept);
    return kept;
  }
}
