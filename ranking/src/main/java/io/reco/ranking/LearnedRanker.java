package io.reco.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gradient-boosted trees that re-rank the best candidates of a personal ranking ({@link TopPicks.Candidate}): the
 * trees XGBoost trained, scored here in plain Java so that the service, the precompute job and the evaluation run
 * the same code without XGBoost's native library.
 *
 * <p>The model file is JSON: {@code format} ({@value #FORMAT}), the {@code features} in order (they must be
 * {@link TopPicks#FEATURES}), the {@code candidates} re-ranked, the {@code base_margin} and the {@code trees} as
 * XGBoost's JSON dump writes them (a node goes to {@code yes} when its feature is below {@code split_condition},
 * to {@code missing} when the feature is missing).
 */
public final class LearnedRanker {
  /** The model file's format. */
  public static final String FORMAT = "reco-learned-ranker/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Tree> trees;
  private final int candidates;
  private final double baseMargin;
  private final String json;

  private LearnedRanker(List<Tree> trees, int candidates, double baseMargin, String json) {
    this.trees = trees;
    this.candidates = candidates;
    this.baseMargin = baseMargin;
    this.json = json;
  }

  /**
   * The ranker of {@code dumps} (XGBoost's JSON dump, one tree each, features named {@code f<index>} in the order
   * of {@link TopPicks#FEATURES}), re-ranking the best {@code candidates}.
   */
  public static LearnedRanker of(List<String> dumps, int candidates, double baseMargin) {
    ObjectNode model = JSON.createObjectNode();
    model.put("format", FORMAT);
    ArrayNode names = model.putArray("features");
    TopPicks.FEATURES.forEach(names::add);
    model.put("candidates", candidates);
    model.put("base_margin", baseMargin);
    ArrayNode trees = model.putArray("trees");
    for (String dump : dumps) {
      try {
        trees.add(JSON.readTree(dump));
      } catch (IOException e) {
        throw new IllegalArgumentException("not an XGBoost JSON tree dump: " + e.getMessage(), e);
      }
    }
    return parse(model.toString(), "the trained model");
  }

  /** The ranker in {@code json}, read from {@code source} (named in errors). */
  public static LearnedRanker parse(String json, String source) {
    JsonNode model;
    try {
      model = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getMessage(), e);
    }
    if (model == null || !FORMAT.equals(model.path("format").asText())) {
      throw new IllegalArgumentException(source + ": not a learned ranker (format must be " + FORMAT + ")");
    }
    List<String> features = new ArrayList<>();
    model.path("features").forEach(f -> features.add(f.asText()));
    if (!features.equals(TopPicks.FEATURES)) {
      throw new IllegalArgumentException(source + ": its features " + features + " are not the ranking's "
          + TopPicks.FEATURES + "; train it again with this version");
    }
    int candidates = model.path("candidates").asInt(0);
    if (candidates < 1) {
      throw new IllegalArgumentException(source + ": candidates must be 1 or more, was " + model.path("candidates"));
    }
    List<Tree> trees = new ArrayList<>();
    for (JsonNode tree : model.path("trees")) {
      trees.add(Tree.of(tree, source + ", tree " + trees.size()));
    }
    if (trees.isEmpty()) {
      throw new IllegalArgumentException(source + ": no trees");
    }
    return new LearnedRanker(List.copyOf(trees), candidates, model.path("base_margin").asDouble(0), json);
  }

  /** The candidates it re-ranks: the best this many by the blend. */
  public int candidates() {
    return candidates;
  }

  /** The model file's text. */
  public String json() {
    return json;
  }

  /** The margin of one candidate's features (higher is better). */
  public double margin(float[] features) {
    double sum = baseMargin;
    for (Tree tree : trees) {
      sum += tree.leaf(features);
    }
    return sum;
  }

  /**
   * The best {@code k} of {@code candidates} (best first by the blend) by the trees' margin, of equal margins the
   * better by the blend; each scores the logistic of its margin, in (0, 1).
   */
  public List<ScoredItem> rerank(List<TopPicks.Candidate> candidates, int k) {
    record Scored(int position, String id, double margin) {
    }
    List<Scored> scored = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      scored.add(new Scored(i, candidates.get(i).id(), margin(candidates.get(i).features())));
    }
    scored.sort(Comparator.comparingDouble(Scored::margin).reversed().thenComparingInt(Scored::position));
    List<ScoredItem> out = new ArrayList<>(Math.min(k, scored.size()));
    for (Scored s : scored.subList(0, Math.min(k, scored.size()))) {
      out.add(new ScoredItem(s.id(), 1 / (1 + Math.exp(-s.margin()))));
    }
    return out;
  }

  /** One tree, its nodes in arrays by node id. */
  private record Tree(int[] feature, float[] threshold, int[] yes, int[] no, int[] missing, double[] leaf) {
    static Tree of(JsonNode root, String where) {
      int size = 0;
      List<JsonNode> pending = new ArrayList<>(List.of(root));
      List<JsonNode> nodes = new ArrayList<>();
      while (!pending.isEmpty()) {
        JsonNode node = pending.remove(pending.size() - 1);
        nodes.add(node);
        size = Math.max(size, node.path("nodeid").asInt(-1) + 1);
        node.path("children").forEach(pending::add);
      }
      Tree tree = new Tree(new int[size], new float[size], new int[size], new int[size], new int[size],
          new double[size]);
      java.util.Arrays.fill(tree.feature, -2);
      for (JsonNode node : nodes) {
        int id = node.path("nodeid").asInt(-1);
        if (id < 0) {
          throw new IllegalArgumentException(where + ": a node without a nodeid");
        }
        if (node.has("leaf")) {
          tree.feature[id] = -1;
          tree.leaf[id] = node.get("leaf").asDouble();
          continue;
        }
        String split = node.path("split").asText();
        int index = split.startsWith("f") ? parseIndex(split.substring(1)) : -1;
        if (index < 0 || index >= TopPicks.FEATURES.size()) {
          throw new IllegalArgumentException(where + ", node " + id + ": unknown feature '" + split + "'");
        }
        tree.feature[id] = index;
        tree.threshold[id] = (float) node.path("split_condition").asDouble();
        tree.yes[id] = node.path("yes").asInt();
        tree.no[id] = node.path("no").asInt();
        tree.missing[id] = node.path("missing").asInt(tree.yes[id]);
      }
      for (int id = 0; id < size; id++) {
        if (tree.feature[id] == -2) {
          throw new IllegalArgumentException(where + ": node " + id + " is missing");
        }
      }
      return tree;
    }

    private static int parseIndex(String digits) {
      try {
        return Integer.parseInt(digits);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    double leaf(float[] features) {
      int node = 0;
      while (feature[node] >= 0) {
        float value = features[feature[node]];
        node = Float.isNaN(value) ? missing[node] : value < threshold[node] ? yes[node] : no[node];
      }
      return leaf[node];
    }
  }
}
