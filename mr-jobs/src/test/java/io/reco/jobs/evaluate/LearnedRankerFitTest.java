package io.reco.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ranking.LearnedRanker;
import io.reco.ranking.TopPicks;
import io.reco.records.Settings;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LearnedRankerFitTest {
  private static final int WIDTH = TopPicks.FEATURES.size();

  /** XGBoost's native library needs OpenMP (libgomp1), which .ci/run installs; without it evaluate serves the blend. */
  @BeforeAll
  static void xgboostLoads() {
    try {
      new DMatrix(new float[] {1}, 1, 1, Float.NaN).dispose();
    } catch (LinkageError | ml.dmlc.xgboost4j.java.XGBoostError | RuntimeException e) {
      Assumptions.abort("XGBoost's native library does not load (install libgomp1): " + e);
    }
  }

  /** 300 users of 20 candidates; a candidate is relevant when its popularity and its blend score are both high. */
  private static LearnedRankerFit.Examples examples(Random random) {
    int rows = 300 * 20;
    float[] x = new float[rows * WIDTH];
    float[] y = new float[rows];
    int[] groups = new int[300];
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < WIDTH; f++) {
        x[r * WIDTH + f] = random.nextFloat();
      }
      y[r] = x[r * WIDTH] + x[r * WIDTH + 7] > 1.2f ? 1 : 0;
    }
    java.util.Arrays.fill(groups, 20);
    return new LearnedRankerFit.Examples(x, y, groups, rows);
  }

  @Test
  void theJavaTreesScoreAsXgboostPredicts() throws Exception {
    LearnedRankerFit.Examples examples = examples(new Random(7));
    LearnedRanker ranker = LearnedRankerFit.train(Settings.create(), examples, 20);
    // XGBoost's own margins for the same trees, trained again with the same seed
    DMatrix matrix = new DMatrix(examples.features(), examples.rows(), WIDTH, Float.NaN);
    matrix.setLabel(examples.labels());
    matrix.setGroup(examples.groups());
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    params.put("objective", "rank:ndcg");
    params.put("eta", 0.05);
    params.put("max_depth", 4);
    params.put("tree_method", "hist");
    params.put("seed", 42);
    params.put("nthread", 2);
    params.put("verbosity", 0);
    Booster booster = XGBoost.train(matrix, params, 200, java.util.Map.of(), null, null);
    float[][] margins = booster.predict(matrix, true, 0);
    // the base score is a constant: the differences between rows must agree
    float[] first = java.util.Arrays.copyOfRange(examples.features(), 0, WIDTH);
    double offset = margins[0][0] - ranker.margin(first);
    for (int r = 0; r < examples.rows(); r++) {
      float[] row = java.util.Arrays.copyOfRange(examples.features(), r * WIDTH, (r + 1) * WIDTH);
      assertEquals(margins[r][0], ranker.margin(row) + offset, 1e-4, "row " + r);
    }
    booster.dispose();
    matrix.dispose();
  }

  @Test
  void theTreesLearnTheRelevanceTheLabelsFollow() throws Exception {
    LearnedRanker ranker = LearnedRankerFit.train(Settings.create(), examples(new Random(7)), 20);
    float[] high = new float[WIDTH];
    float[] low = new float[WIDTH];
    high[0] = 0.9f;
    high[7] = 0.9f;
    low[0] = 0.9f;
    low[7] = 0.1f;
    assertTrue(ranker.margin(high) > ranker.margin(low) + 0.5, ranker.margin(high) + " vs " + ranker.margin(low));
    assertEquals(20, ranker.candidates());
  }
}
