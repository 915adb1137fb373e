package io.reco.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shop's business rules, which every answer of every use case obeys: inactive and out-of-stock items never
 * returned, a blocklist, a price cap, score boosts by category or brand, and the A/B experiments. Read from a JSON
 * file ({@link RulesFile}), for example:
 *
 * <pre>{@code
 * {
 *   "hide_inactive": true,              // default true
 *   "hide_out_of_stock": true,          // default true
 *   "blocklist": ["item-13", "item-666"],
 *   "max_price": 500,
 *   "boosts": {"category": {"shoes": 1.5}, "brand": {"acme": 0.5}},
 *   "experiments": [{"name": "home-feed", "endpoints": ["user_recommendations"],
 *                    "variants": [{"name": "control", "percent": 50},
 *                                 {"name": "candidate", "percent": 40, "model": "v20261201-101500"},
 *                                 {"name": "popular", "percent": 10, "strategy": "popular"}]}]
 * }
 * }</pre>
 *
 * <p>A boost multiplies the score of every item of the category (or brand) before the answer is ranked again.
 */
record Rules(boolean hideInactive, boolean hideOutOfStock, Set<String> blocklist, Double maxPrice,
    Map<String, Double> categoryBoosts, Map<String, Double> brandBoosts, List<Experiment> experiments) {

  /** No rules but the defaults: inactive and out-of-stock items hidden. */
  static final Rules DEFAULT = new Rules(true, true, Set.of(), null, Map.of(), Map.of(), List.of());

  Rules {
    blocklist = Set.copyOf(blocklist);
    categoryBoosts = Map.copyOf(categoryBoosts);
    brandBoosts = Map.copyOf(brandBoosts);
    experiments = List.copyOf(experiments);
  }

  /** Whether an item may be answered at all; {@code facts} null for an item the model has no features of. */
  boolean allows(String id, ItemFacts facts) {
    if (blocklist.contains(id)) {
      return false;
    }
    if (facts == null) {
      return true;
    }
    return !(hideInactive && !facts.active()) && !(hideOutOfStock && !facts.inStock())
        && !(maxPrice != null && facts.price() != null && facts.price() > maxPrice);
  }

  /** The factor an item's score is multiplied by: its category's boost times its brand's (1 without). */
  double boost(ItemFacts facts) {
    if (facts == null) {
      return 1;
    }
    return (facts.category() == null ? 1 : categoryBoosts.getOrDefault(facts.category(), 1.0))
        * (facts.brand() == null ? 1 : brandBoosts.getOrDefault(facts.brand(), 1.0));
  }

  /** Whether a boost could change an order. */
  boolean boosts() {
    return !categoryBoosts.isEmpty() || !brandBoosts.isEmpty();
  }

  /** The rules a JSON document gives; an {@link IllegalArgumentException} naming the field otherwise. */
  static Rules parse(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("the rules are a JSON object");
    }
    Set<String> known = Set.of("hide_inactive", "hide_out_of_stock", "blocklist", "max_price", "boosts",
        "experiments");
    for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name + "'; the rules have " + known);
      }
    }
    Set<String> blocklist = new HashSet<>();
    JsonNode blocked = json.path("blocklist");
    if (!blocked.isMissingNode()) {
      if (!blocked.isArray()) {
        throw new IllegalArgumentException("'blocklist' is an array of item ids");
      }
      blocked.forEach(id -> blocklist.add(text(id, "blocklist")));
    }
    Double maxPrice = null;
    if (json.has("max_price")) {
      maxPrice = positive(json.get("max_price"), "max_price");
    }
    JsonNode boosts = json.path("boosts");
    if (!boosts.isMissingNode() && !boosts.isObject()) {
      throw new IllegalArgumentException("'boosts' is an object: {\"category\":{...},\"brand\":{...}}");
    }
    for (Iterator<String> names = boosts.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!name.equals("category") && !name.equals("brand")) {
        throw new IllegalArgumentException("'boosts' are by 'category' or 'brand', not '" + name + "'");
      }
    }
    List<Experiment> experiments = new ArrayList<>();
    JsonNode tests = json.path("experiments");
    if (!tests.isMissingNode()) {
      if (!tests.isArray()) {
        throw new IllegalArgumentException("'experiments' is an array");
      }
      Set<String> names = new HashSet<>();
      for (JsonNode test : tests) {
        Experiment experiment = Experiment.parse(test);
        if (!names.add(experiment.name())) {
          throw new IllegalArgumentException("two experiments are named '" + experiment.name() + "'");
        }
        experiments.add(experiment);
      }
    }
    return new Rules(flag(json, "hide_inactive"), flag(json, "hide_out_of_stock"), blocklist, maxPrice,
        factors(boosts.path("category"), "boosts.category"), factors(boosts.path("brand"), "boosts.brand"),
        experiments);
  }

  private static boolean flag(JsonNode json, String name) {
    JsonNode value = json.path(name);
    if (value.isMissingNode()) {
      return true;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException("'" + name + "' is true or false");
    }
    return value.booleanValue();
  }

  private static Map<String, Double> factors(JsonNode json, String field) {
    Map<String, Double> out = new HashMap<>();
    if (json.isMissingNode()) {
      return out;
    }
    if (!json.isObject()) {
      throw new IllegalArgumentException("'" + field + "' is an object of name: factor");
    }
    json.fields().forEachRemaining(e -> out.put(e.getKey(), positive(e.getValue(), field + "." + e.getKey())));
    return out;
  }

  static double positive(JsonNode value, String field) {
    if (!value.isNumber() || !(value.doubleValue() > 0) || Double.isInfinite(value.doubleValue())) {
      throw new IllegalArgumentException("'" + field + "' is a number above 0, was " + value);
    }
    return value.doubleValue();
  }

  static String text(JsonNode value, String field) {
    if (!value.isTextual() || value.textValue().isEmpty()) {
      throw new IllegalArgumentException("'" + field + "' holds non-empty strings, not " + value);
    }
    return value.textValue();
  }
}
