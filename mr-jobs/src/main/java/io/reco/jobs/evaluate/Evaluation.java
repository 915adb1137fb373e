package io.reco.jobs.evaluate;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.reco.records.avro.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What one evaluation found: the split, each recommender's figures by user group, the tuning and its timings. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Evaluation {
  @JsonProperty final String dataset;
  @JsonProperty final String protocol;
  @JsonProperty final List<Integer> split;
  @JsonProperty final int k;
  @JsonProperty final List<String> relevant;
  /** The figures reported for each recommender, in table order. */
  @JsonProperty final List<String> figures;
  @JsonProperty final Map<String, Long> counts = new LinkedHashMap<>();
  /** Recommender -> group (all, returning, new) -> figure -> value. */
  @JsonProperty final Map<String, Map<String, Map<String, Double>>> results = new LinkedHashMap<>();
  @JsonProperty final Map<String, String> tuned = new LinkedHashMap<>();
  @JsonProperty final List<String> tuning = new ArrayList<>();
  @JsonProperty final Map<String, Double> timings = new LinkedHashMap<>();
  @JsonProperty double seconds;

  Evaluation(String dataset, String protocol, List<Integer> split, int k, Set<EventType> relevant,
      List<String> figures) {
    this.figures = List.copyOf(figures);
    this.dataset = dataset;
    this.protocol = protocol;
    this.split = List.copyOf(split);
    this.k = k;
    this.relevant = relevant.stream().map(EventType::name).sorted().toList();
  }

  void add(String recommender, Map<String, Map<String, Double>> groups) {
    results.put(recommender, groups);
  }

  void seconds(String what, long startedNanos) {
    timings.put(what, Math.round((System.nanoTime() - startedNanos) / 1e7) / 100.0);
  }

  /** A figure of one recommender over all test users. */
  public double figure(String recommender, String name) {
    return results.get(recommender).get("all").get(name);
  }

  /** The recommenders scored, in report order. */
  public Set<String> recommenders() {
    return results.keySet();
  }

  /** The tuned settings as {@code -D} options. */
  public String tunedSettings() {
    return tuned.entrySet().stream().map(e -> "-D " + e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** The figures over all test users, one recommender a line. */
  public String table() {
    StringBuilder text = new StringBuilder(counts.containsKey("test_predictions")
        ? String.format("%s, %s protocol, split %s: %d next items of %d test sessions%n", dataset, protocol, split,
            counts.get("test_predictions"), counts.getOrDefault("test_sessions", 0L))
        : String.format("%s, %s protocol, split %s, relevant %s: %d test users%n", dataset, protocol, split, relevant,
            counts.getOrDefault("test_users", 0L)));
    List<String> names = figures;
    text.append(String.format("%-36s", "recommender"));
    names.forEach(n -> text.append(String.format("%13s", n)));
    text.append('\n');
    results.forEach((recommender, groups) -> {
      text.append(String.format("%-36s", recommender));
      names.forEach(n -> text.append(String.format("%13.4f", groups.get("all").get(n))));
      text.append('\n');
    });
    return text.toString();
  }
}
