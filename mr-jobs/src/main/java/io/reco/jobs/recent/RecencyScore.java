package io.reco.jobs.recent;

/** Interaction weight decayed by age: halves every half-life, so last week's purchase beats last year's. */
public final class RecencyScore {
  private RecencyScore() {
  }

  /** The score of an interaction of {@code weight} at {@code timestamp}, seen at {@code asOf}. */
  public static double of(int weight, long timestamp, long asOf, long halfLifeMillis) {
    long age = Math.max(0, asOf - timestamp);
    return weight * Math.pow(0.5, (double) age / halfLifeMillis);
  }
}
