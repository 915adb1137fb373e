package io.reco.jobs.retention;

import io.reco.schema.Lineage;
import io.reco.schema.ModelInfo;
import io.reco.schema.ModelRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The versions the registry may still serve, and so what retention must keep: every version {@code model gc} has
 * not retired (their cells are still in the model tables, any of them can be activated), the active one and its
 * predecessor (the rollback target) always. Each protects its run directory and every path of its lineage.
 */
final class ServableVersions {
  private ServableVersions() {
  }

  /** The protection of every servable version of {@code registry}; {@code key} turns a lineage path into a key. */
  static Protection read(ModelRegistry registry, Function<String, String> key) throws IOException {
    Optional<String> active = registry.activeVersion();
    Optional<String> predecessor = registry.predecessor();
    List<ModelInfo> versions = registry.list();
    Protection protection = new Protection();
    for (ModelInfo info : versions) {
      String version = info.version();
      boolean isActive = active.filter(version::equals).isPresent();
      boolean isPredecessor = predecessor.filter(version::equals).isPresent();
      if (info.status().equals(ModelRegistry.RETIRED) && !isActive && !isPredecessor) {
        continue;
      }
      protection.version(version, isActive ? "active" : isPredecessor ? "rollback target" : info.status());
      for (Lineage.Input input : info.lineage().map(Lineage::inputs).orElse(List.of())) {
        protection.path(version, key.apply(input.path()));
      }
    }
    // a pointer to a version without a record still protects its run directory
    if (active.isPresent() && !protection.versions().containsKey(active.get())) {
      protection.version(active.get(), "active");
    }
    if (predecessor.isPresent() && !protection.versions().containsKey(predecessor.get())) {
      protection.version(predecessor.get(), "rollback target");
    }
    return protection;
  }
}
