package io.reco.jobs.retention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What must stay because a model version the registry may still serve names it: each version's run directory (by
 * the version's name) and every path of its lineage. A unit is protected when a protected path is its scope, lies
 * inside it (an hour of a day's partition, the silver of a run) or contains it.
 */
public final class Protection {
  private final Map<String, String> versions = new LinkedHashMap<>();
  private final Map<String, String> runs = new LinkedHashMap<>();
  private final List<Map.Entry<String, String>> paths = new ArrayList<>();

  /** Protects the run directory named {@code version} and records the version with its role (active...). */
  public Protection version(String version, String role) {
    versions.put(version, role);
    runs.put(version, why(version, role));
    return this;
  }

  /** Protects {@code key} (a path without scheme and authority) for {@code version}, which must be added first. */
  public Protection path(String version, String key) {
    String role = versions.get(version);
    if (role == null) {
      throw new IllegalArgumentException("add version " + version + " before its paths");
    }
    paths.add(Map.entry(strip(key), why(version, role)));
    return this;
  }

  /** The protected versions with their roles, in the order added. */
  public Map<String, String> versions() {
    return Map.copyOf(versions);
  }

  /** The versions as listings show them: {@code v1 (active), v0 (rollback target)}. */
  public String describe() {
    List<String> all = new ArrayList<>();
    versions.forEach((v, role) -> all.add(v + " (" + role + ")"));
    return all.isEmpty() ? "none" : String.join(", ", all);
  }

  /** The version protecting {@code unit}, as {@code named by v1 (active)}, or empty. */
  public Optional<String> namedBy(RetentionUnit unit) {
    if (unit.run() != null && runs.containsKey(unit.run())) {
      return Optional.of(runs.get(unit.run()));
    }
    String scope = strip(unit.scope());
    for (Map.Entry<String, String> path : paths) {
      if (within(path.getKey(), scope) || within(scope, path.getKey())) {
        return Optional.of(path.getValue());
      }
    }
    return Optional.empty();
  }

  /** Whether {@code path} is {@code dir} or lies under it, by whole path components. */
  static boolean within(String path, String dir) {
    return path.equals(dir) || path.startsWith(dir.endsWith("/") ? dir : dir + "/");
  }

  private static String strip(String key) {
    return key.length() > 1 && key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
  }

  private static String why(String version, String role) {
    return "named by " + version + " (" + role + ")";
  }
}
