package io.reco.jobs.ease;

import io.reco.schema.avro.ScoredItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_MT_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", 2019): the item-to-item weight matrix
 * {@code B = I - P diag(1/diag(P))}, {@code P = (X'X + lambda I)^-1}, over the boolean user-item matrix {@code X}; a
 * user's score of item {@code j} is the sum of {@code B[i][j]} over the items {@code i} they have. The Gram matrix
 * and its inverse are dense: {@code 16 n^2} bytes for {@code n} items, {@code n^3} work.
 */
public final class Ease {
  private final List<String> items;
  private final Map<String, Integer> index;
  private final double[] weights;

  private Ease(List<String> items, Map<String, Integer> index, double[] weights) {
    this.items = items;
    this.index = index;
    this.weights = weights;
  }

  /**
   * Fits EASE.
   *
   * @param baskets each user's items
   * @param items the items modelled (others in the baskets are ignored)
   * @param lambda the L2 penalty, more than 0
   */
  public static Ease fit(Iterable<? extends Iterable<String>> baskets, List<String> items, double lambda) {
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("the EASE penalty lambda must be more than 0, was " + lambda);
    }
    int n = items.size();
    Map<String, Integer> index = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      index.put(items.get(i), i);
    }
    DMatrixRMaj gram = new DMatrixRMaj(n, n);
    double[] g = gram.data;
    int[] row = new int[16];
    for (Iterable<String> basket : baskets) {
      int m = 0;
      for (String item : basket) {
        Integer i = index.get(item);
        if (i != null) {
          if (m == row.length) {
            row = Arrays.copyOf(row, m * 2);
          }
          row[m++] = i;
        }
      }
      for (int a = 0; a < m; a++) {
        int base = row[a] * n;
        for (int b = 0; b < m; b++) {
          g[base + row[b]] += 1;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      g[i * n + i] += lambda;
    }
    // the Cholesky factorisation and inversion on every core (EJML's threads): the one reducer's n^3 work
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_MT_DDRM.symmPosDef(n);
    if (!solver.setA(gram)) {
      throw new IllegalStateException("EASE: the Gram matrix of " + n + " items is not positive definite");
    }
    DMatrixRMaj p = new DMatrixRMaj(n, n);
    solver.invert(p);
    double[] b = p.data;
    double[] diagonal = new double[n];
    for (int j = 0; j < n; j++) {
      diagonal[j] = b[j * n + j];
    }
    for (int i = 0; i < n; i++) {
      int base = i * n;
      for (int j = 0; j < n; j++) {
        b[base + j] = i == j ? 0 : -b[base + j] / diagonal[j];
      }
    }
    return new Ease(List.copyOf(items), index, b);
  }

  /** The items modelled, in their matrix order. */
  public List<String> items() {
    return items;
  }

  /** Item {@code item}'s {@code k} strongest positive weights to other items, best first; empty for an unknown one. */
  public List<ScoredItem> neighbours(String item, int k) {
    Integer i = index.get(item);
    if (i == null) {
      return List.of();
    }
    int n = items.size();
    return best(weights, i * n, n, k, Set.of());
  }

  /** A user's {@code k} best items given what they have, leaving out {@code exclude}. */
  public List<ScoredItem> recommend(Iterable<String> has, Set<String> exclude, int k) {
    int n = items.size();
    double[] scores = new double[n];
    boolean any = false;
    for (String item : has) {
      Integer i = index.get(item);
      if (i != null) {
        any = true;
        int base = i * n;
        for (int j = 0; j < n; j++) {
          scores[j] += weights[base + j];
        }
      }
    }
    return any ? best(scores, 0, n, k, exclude) : List.of();
  }

  private List<ScoredItem> best(double[] values, int from, int n, int k, Set<String> exclude) {
    Comparator<ScoredItem> worstFirst = Comparator.comparingDouble(ScoredItem::getScore)
        .thenComparing(ScoredItem::getId, Comparator.reverseOrder());
    PriorityQueue<ScoredItem> heap = new PriorityQueue<>(k + 1, worstFirst);
    for (int j = 0; j < n; j++) {
      double v = values[from + j];
      if (v <= 0 || exclude.contains(items.get(j))) {
        continue;
      }
      if (heap.size() < k) {
        heap.add(new ScoredItem(items.get(j), v));
      } else if (v > heap.peek().getScore()) {
        heap.poll();
        heap.add(new ScoredItem(items.get(j), v));
      }
    }
    List<ScoredItem> out = new ArrayList<>(heap);
    out.sort(worstFirst.reversed());
    return out;
  }
}
