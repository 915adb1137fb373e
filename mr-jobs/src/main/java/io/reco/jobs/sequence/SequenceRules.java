package io.reco.jobs.sequence;

import java.io.IOException;
import java.util.List;

/**
 * Sequential rules, as the session-based recommendation literature's SR baseline (Ludewig and Jannach, 2018): in a
 * sequence of items, each item a is followed by each item b at most {@code steps} positions later, with the weight
 * 1 / distance; summed over all sequences, the rule a -> b ranks what comes after a.
 */
public final class SequenceRules {
  /** Receives one weighted rule. */
  public interface Sink {
    /** Item {@code after} followed {@code before} with {@code weight}. */
    void rule(String before, String after, double weight) throws IOException, InterruptedException;
  }

  private SequenceRules() {
  }

  /** Emits the rules of {@code items} (oldest first) to {@code sink}; an item never follows itself. */
  public static void emit(List<String> items, int steps, Sink sink) throws IOException, InterruptedException {
    if (steps < 1) {
      throw new IllegalArgumentException("a rule spans at least 1 step, was " + steps);
    }
    for (int i = 0; i < items.size(); i++) {
      String before = items.get(i);
      for (int j = i + 1; j < items.size() && j - i <= steps; j++) {
        if (!items.get(j).equals(before)) {
          sink.rule(before, items.get(j), 1.0 / (j - i));
        }
      }
    }
  }
}
