package io.reco.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An A/B test: the users of some endpoints split into variants by traffic shares, each variant served by a model
 * version or a strategy of its own. A user's variant is fixed by hashing (experiment, user) - the same user gets the
 * same variant on every request and every replica, and two experiments split users independently.
 *
 * @param endpoints the endpoints whose requests take part; a request without a user (the path's, else its
 *     {@code user_id}) takes no part
 * @param variants their shares sum to 100 percent
 */
record Experiment(String name, Set<Endpoint> endpoints, List<Variant> variants) {
  /** Buckets a user hashes into: shares are in hundredths of a percent. */
  static final int BUCKETS = 10_000;

  /**
   * One arm of the test.
   *
   * @param model the model version that answers it; null for the active one
   * @param strategy {@code "popular"} to answer with the popular items (a hold-out without personalization);
   *     null for the use case's own
   */
  record Variant(String name, int buckets, String model, String strategy) {
  }

  /** What a request of this experiment is served with, and the name the response and the log give it. */
  record Assignment(Experiment experiment, Variant variant) {
    String label() {
      return experiment.name() + "/" + variant.name();
    }
  }

  Experiment {
    endpoints = Set.copyOf(endpoints);
    variants = List.copyOf(variants);
  }

  /** The variant of {@code user}. */
  Variant variant(String user) {
    int bucket = bucket(name, user);
    int upTo = 0;
    for (Variant variant : variants) {
      upTo += variant.buckets();
      if (bucket < upTo) {
        return variant;
      }
    }
    throw new IllegalStateException("the shares of experiment " + name + " do not sum to 100%");
  }

  /** Where {@code user} falls in {@code experiment}: from 0 to {@link #BUCKETS}, uniformly. */
  static int bucket(String experiment, String user) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest((experiment + '\u0000' + user)
          .getBytes(StandardCharsets.UTF_8));
      return (int) (Integer.toUnsignedLong(ByteBuffer.wrap(digest).getInt()) % BUCKETS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships MD5", e);
    }
  }

  static Experiment parse(JsonNode json) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("an experiment is an object with 'name' and 'variants'");
    }
    String name = Rules.text(json.path("name"), "experiments[].name");
    String where = "experiment '" + name + "': ";
    Set<Endpoint> endpoints = EnumSet.noneOf(Endpoint.class);
    JsonNode asked = json.path("endpoints");
    if (asked.isMissingNode()) {
      for (Endpoint endpoint : Endpoint.values()) {
        if (endpoint.recommends()) {
          endpoints.add(endpoint);
        }
      }
    } else {
      if (!asked.isArray() || asked.isEmpty()) {
        throw new IllegalArgumentException(where + "'endpoints' is a non-empty array of endpoint names");
      }
      for (JsonNode each : asked) {
        String label = Rules.text(each, "endpoints");
        Endpoint endpoint = Endpoint.ofLabel(label).filter(Endpoint::recommends).orElseThrow(() ->
            new IllegalArgumentException(where + "no endpoint that recommends is named '" + label + "'; they are "
                + Endpoint.recommending()));
        endpoints.add(endpoint);
      }
    }
    JsonNode arms = json.path("variants");
    if (!arms.isArray() || arms.size() < 2) {
      throw new IllegalArgumentException(where + "'variants' is an array of two or more");
    }
    List<Variant> variants = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int total = 0;
    for (JsonNode arm : arms) {
      String variant = Rules.text(arm.path("name"), "variants[].name");
      if (!names.add(variant)) {
        throw new IllegalArgumentException(where + "two variants are named '" + variant + "'");
      }
      double percent = Rules.positive(arm.path("percent"), "variants[" + variant + "].percent");
      int buckets = (int) Math.round(percent * BUCKETS / 100);
      if (Math.abs(buckets - percent * BUCKETS / 100) > 1e-6) {
        throw new IllegalArgumentException(where + "a share has at most two decimals, was " + percent);
      }
      total += buckets;
      String model = arm.has("model") ? Rules.text(arm.get("model"), "variants[" + variant + "].model") : null;
      String strategy = null;
      if (arm.has("strategy")) {
        strategy = Rules.text(arm.get("strategy"), "variants[" + variant + "].strategy").toLowerCase(Locale.ROOT);
        if (!strategy.equals("popular")) {
          throw new IllegalArgumentException(where + "a variant's strategy is 'popular' (or none), was '" + strategy
              + "'");
        }
      }
      variants.add(new Variant(variant, buckets, model, strategy));
    }
    if (total != BUCKETS) {
      throw new IllegalArgumentException(where + "the variants' percents sum to " + total * 100.0 / BUCKETS
          + ", not 100");
    }
    return new Experiment(name, endpoints, variants);
  }
}
