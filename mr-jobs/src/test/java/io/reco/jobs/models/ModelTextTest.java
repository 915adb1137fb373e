package io.reco.jobs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.schema.GcReport;
import io.reco.schema.Lineage;
import io.reco.schema.ModelInfo;
import io.reco.schema.ModelRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelTextTest {
  private static final Instant CREATED = Instant.parse("2026-11-02T03:04:05Z");
  private static final Lineage LINEAGE = new Lineage(
      List.of(new Lineage.Input("raw/clickstream/dt=2026-11-01", Map.of("a.manifest", "0cc175b9c0f1b6a831c399e2"))),
      Map.of("reco.similar.top-k", "50"), Map.of("ndcg@10", 0.3125), "0.1.0", CREATED);

  @Test
  void aListingHasOneLinePerVersionAndMarksTheActive() {
    List<ModelInfo> versions = List.of(
        new ModelInfo("v2", ModelRegistry.CANDIDATE, CREATED, Map.of(), Optional.of(LINEAGE), false),
        new ModelInfo("v1", ModelRegistry.PUBLISHED, CREATED.minusSeconds(86_400), Map.of(), Optional.empty(), true));
    assertEquals(List.of(
        "  VERSION  STATUS     CREATED               ndcg@10     CODE",
        "  v2       candidate  2026-11-02T03:04:05Z  0.3125      0.1.0",
        "* v1       published  2026-11-01T03:04:05Z  -           -"), ModelText.listing(versions, "ndcg@10"));
  }

  @Test
  void anEmptyRegistrySaysSo() {
    assertEquals(List.of("no model version is registered"), ModelText.listing(List.of(), "ndcg@10"));
  }

  @Test
  void detailsShowTheLineage() {
    ModelInfo info = new ModelInfo("v2", ModelRegistry.PUBLISHED, CREATED, Map.of("pairs", "12"),
        Optional.of(LINEAGE), true);
    assertEquals(List.of(
        "version   v2",
        "status    published (active)",
        "created   2026-11-02T03:04:05Z",
        "code      0.1.0",
        "run       2026-11-02T03:04:05Z",
        "metrics   ndcg@10=0.3125",
        "input     raw/clickstream/dt=2026-11-01  a.manifest=0cc175b9c0f1b6a831c399e2",
        "setting   reco.similar.top-k=50",
        "stats     pairs=12"), ModelText.details(info));
  }

  @Test
  void detailsOfAVersionWithoutLineageSayNoneRecorded() {
    ModelInfo info = new ModelInfo("v1", ModelRegistry.BUILDING, CREATED, Map.of());
    assertEquals("lineage   none recorded", ModelText.details(info).get(3));
  }

  @Test
  void aDryRunSaysWhatWouldGo() {
    Map<String, Long> byTable = new LinkedHashMap<>();
    byTable.put("reco:item_similar", 4L);
    byTable.put("reco:popular", 1L);
    GcReport report = new GcReport(List.of("v1"), byTable, Map.of("v1", 5L), true);
    assertEquals(List.of("gc (dry run): would remove 1 version(s), 5 cell(s)", "  v1  5 cells",
        "  reco:item_similar  4 cells", "  reco:popular  1 cells"), ModelText.gc(report));
  }
}
