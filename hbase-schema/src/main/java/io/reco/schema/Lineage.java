package io.reco.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model version came from, so that a served model can be traced back and rebuilt: the input partitions
 * with their manifests' MD5s, the settings the run used, the figures it was judged by, the code that built it, and
 * when.
 *
 * @param inputs the partitions the run read
 * @param parameters the {@code reco.*} settings the run used
 * @param metrics evaluation figures, such as {@code ndcg@10} on the validation split; higher is better
 * @param codeVersion the version of the code that built it (the jar's Implementation-Version, a git describe)
 * @param createdAt when the run started
 */
public record Lineage(List<Input> inputs, Map<String, String> parameters, Map<String, Double> metrics,
    String codeVersion, Instant createdAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One input partition.
   *
   * @param path the partition's path, for example {@code raw/clickstream/dt=2026-11-01}
   * @param manifests the MD5 of each manifest of the partition, by the manifest's name
   */
  public record Input(String path, Map<String, String> manifests) {
    /** Copies the map, sorted by name. */
    public Input {
      manifests = Collections.unmodifiableMap(new TreeMap<>(manifests));
    }
  }

  /** Copies the collections; parameters and metrics sorted by name. */
  public Lineage {
    inputs = List.copyOf(inputs);
    parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    if (codeVersion == null || codeVersion.isBlank()) {
      throw new IllegalArgumentException("a lineage needs the code version; use 'unknown' when none is available");
    }
    if (createdAt == null) {
      throw new IllegalArgumentException("a lineage needs its creation time");
    }
  }

  /** The same lineage with {@code more} metrics added (replacing those of the same name). */
  public Lineage withMetrics(Map<String, Double> more) {
    Map<String, Double> all = new LinkedHashMap<>(metrics);
    all.putAll(more);
    return new Lineage(inputs, parameters, all, codeVersion, createdAt);
  }

  /** The version of the code a class was loaded from: its jar's Implementation-Version, else {@code unknown}. */
  public static String codeVersionOf(Class<?> type) {
    String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "unknown" : version;
  }

  /** The JSON form stored in the registry's cell. */
  String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("code_version", codeVersion);
    root.put("created_at", createdAt.toString());
    ObjectNode params = root.putObject("parameters");
    parameters.forEach(params::put);
    ObjectNode figures = root.putObject("metrics");
    metrics.forEach(figures::put);
    var list = root.putArray("inputs");
    for (Input input : inputs) {
      ObjectNode node = list.addObject().put("path", input.path());
      ObjectNode md5s = node.putObject("manifests");
      input.manifests().forEach(md5s::put);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a lineage as JSON: " + e.getMessage(), e);
    }
  }

  /** Reads {@link #toJson}'s form. */
  static Lineage fromJson(String text) {
    try {
      JsonNode root = JSON.readTree(text);
      List<Input> inputs = new ArrayList<>();
      for (JsonNode node : root.path("inputs")) {
        Map<String, String> md5s = new TreeMap<>();
        node.path("manifests").fields().forEachRemaining(e -> md5s.put(e.getKey(), e.getValue().asText()));
        inputs.add(new Input(node.path("path").asText(), md5s));
      }
      Map<String, String> parameters = new TreeMap<>();
      root.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
      Map<String, Double> metrics = new TreeMap<>();
      root.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
      return new Lineage(inputs, parameters, metrics, root.path("code_version").asText(),
          Instant.parse(root.path("created_at").asText()));
    } catch (JsonProcessingException | DateTimeParseException e) {
      throw new IllegalArgumentException("a model's lineage cell is not valid: " + e.getMessage(), e);
    }
  }
}
