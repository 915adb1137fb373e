package io.reco.ranking;

import io.reco.schema.avro.ScoredItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One item's neighbours from several indicators (log-likelihood, cosine, EASE...), merged into the one list the
 * service ranks with: each neighbour scores the weighted sum of its indicator scores. The weights are what the
 * evaluation's search found best on the validation split; an indicator weighted 0 or not named is left out.
 */
public final class IndicatorBlend {
  private static final Comparator<ScoredItem> BEST_FIRST =
      Comparator.comparingDouble(ScoredItem::getScore).reversed().thenComparing(ScoredItem::getId);

  private final Map<String, Double> weights;

  /** A blend with {@code weights} by indicator name. */
  public IndicatorBlend(Map<String, Double> weights) {
    weights.forEach((name, weight) -> {
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("the weight of indicator " + name + " must be 0 or more, was " + weight);
      }
    });
    this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  /**
   * Parses {@code name=weight,name=weight}, as {@code reco.ranking.indicator-weights} holds it.
   *
   * @throws IllegalArgumentException naming the part that is not {@code name=weight}
   */
  public static IndicatorBlend parse(String text) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      try {
        if (eq < 1) {
          throw new NumberFormatException();
        }
        weights.put(p.substring(0, eq).trim(), Double.parseDouble(p.substring(eq + 1).trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("indicator weights are name=weight,name=weight; '" + p
            + "' is not", e);
      }
    }
    return new IndicatorBlend(weights);
  }

  /** The weights, by indicator. */
  public Map<String, Double> weights() {
    return weights;
  }

  /** The weight of {@code indicator}; 0 for one not named. */
  public double weight(String indicator) {
    return weights.getOrDefault(indicator, 0.0);
  }

  /** The {@code name=weight,...} form {@link #parse} reads. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    weights.forEach((name, weight) -> text.append(text.isEmpty() ? "" : ",").append(name).append('=')
        .append(weight));
    return text.toString();
  }

  /** The merged neighbours of one item, best first, at most {@code k}; {@code lists} by indicator name. */
  public List<ScoredItem> merge(Map<String, List<ScoredItem>> lists, int k) {
    Map<String, double[]> sums = new HashMap<>();
    lists.forEach((indicator, list) -> {
      double weight = weight(indicator);
      if (weight > 0) {
        for (ScoredItem n : list) {
          sums.computeIfAbsent(n.getId(), id -> new double[1])[0] += weight * n.getScore();
        }
      }
    });
    List<ScoredItem> merged = new ArrayList<>(sums.size());
    sums.forEach((id, sum) -> merged.add(new ScoredItem(id, sum[0])));
    merged.sort(BEST_FIRST);
    return merged.size() > k ? new ArrayList<>(merged.subList(0, k)) : merged;
  }
}
