package io.reco.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.hbase.StandaloneHBase;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry against a real HBase: the margin rule, rollback through the pointer's history, and gc. */
class ModelRegistryIT {
  private static final String NDCG = "ndcg@10";
  private static final double MARGIN = 0.01;
  private static final Instant DAY_ONE = Instant.parse("2026-11-01T00:00:00Z");
  /** Entities with a cell per version in each model table. */
  private static final List<String> ENTITIES = List.of("a", "b", "c");

  @TempDir
  static Path dir;
  private static StandaloneHBase hbase;
  private static Connection connection;
  private ModelRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    hbase = StandaloneHBase.start(dir);
    connection = ConnectionFactory.createConnection(hbase.configuration());
    try (Admin admin = connection.getAdmin()) {
      new SchemaAdmin(admin).ensure();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    connection.close();
    hbase.close();
  }

  @BeforeEach
  void emptyTables() throws IOException {
    for (TableSpec spec : RecoTables.ALL) {
      try (Table table = connection.getTable(spec.tableName());
           ResultScanner rows = table.getScanner(new Scan())) {
        List<Delete> deletes = new ArrayList<>();
        for (Result row : rows) {
          deletes.add(new Delete(row.getRow()));
        }
        table.delete(deletes);
      }
    }
    registry = new ModelRegistry(connection);
  }

  @Test
  void theFirstPromotionNeedsNoComparison() throws Exception {
    candidate("v1", 1, 0.30);
    Promotion promotion = registry.promote("v1", NDCG, MARGIN, false);
    assertTrue(promotion.promoted(), promotion.reason());
    assertEquals("no version was active; v1 ndcg@10 0.3000", promotion.reason());
    assertEquals("v1", registry.activeVersion().orElseThrow());
  }

  @Test
  void promotionIsRefusedBelowTheMargin() throws Exception {
    served("v1", 1, 0.30);
    candidate("v2", 2, 0.302);
    Promotion promotion = registry.promote("v2", NDCG, MARGIN, false);
    assertFalse(promotion.promoted());
    assertEquals("v2 ndcg@10 0.3020 does not beat active v1 0.3000 by more than 1.0% (needs > 0.3030)",
        promotion.reason());
    assertEquals("v1", registry.activeVersion().orElseThrow());
    assertEquals(ModelRegistry.CANDIDATE, registry.describe("v2").orElseThrow().status());
  }

  @Test
  void promotionIsAcceptedAboveTheMargin() throws Exception {
    served("v1", 1, 0.30);
    candidate("v2", 2, 0.31);
    Promotion promotion = registry.promote("v2", NDCG, MARGIN, false);
    assertTrue(promotion.promoted(), promotion.reason());
    assertEquals("v1", promotion.previous());
    assertEquals("v2", registry.activeVersion().orElseThrow());
    assertEquals(ModelRegistry.PUBLISHED, registry.describe("v2").orElseThrow().status());
  }

  @Test
  void aForcedPromotionIgnoresTheMetric() throws Exception {
    served("v1", 1, 0.30);
    candidate("v2", 2, 0.10);
    Promotion promotion = registry.promote("v2", NDCG, MARGIN, true);
    assertTrue(promotion.promoted());
    assertEquals("forced: v2 ndcg@10 0.1000 against v1 0.3000", promotion.reason());
    assertEquals("v2", registry.activeVersion().orElseThrow());
  }

  @Test
  void aCandidateWithoutTheMetricIsRefusedUnlessForced() throws Exception {
    served("v1", 1, 0.30);
    candidate("v2", 2, 0.50);
    Promotion promotion = registry.promote("v2", "recall@10", MARGIN, false);
    assertFalse(promotion.promoted());
    assertEquals("v2 has no recall@10 recorded; promote it with force", promotion.reason());
  }

  @Test
  void aVersionStillBuildingIsNeverPromoted() throws Exception {
    registry.register("v1", DAY_ONE);
    Promotion promotion = registry.promote("v1", NDCG, MARGIN, true);
    assertFalse(promotion.promoted());
    assertEquals("v1 is building; its cells may be incomplete", promotion.reason());
    assertTrue(registry.activeVersion().isEmpty());
  }

  @Test
  void rollbackReturnsToThePredecessor() throws Exception {
    served("v1", 1, 0.30);
    served("v2", 2, 0.40);
    served("v3", 3, 0.50);
    Promotion rollback = registry.rollback();
    assertEquals("rolled back from v3 to v2", rollback.reason());
    assertEquals("v2", registry.activeVersion().orElseThrow());
  }

  @Test
  void rollbackWithoutAPredecessorFails() throws Exception {
    served("v1", 1, 0.30);
    IllegalStateException e = assertThrows(IllegalStateException.class, registry::rollback);
    assertTrue(e.getMessage().startsWith("no version was active before v1"), e.getMessage());
    assertEquals("v1", registry.activeVersion().orElseThrow());
  }

  @Test
  void gcRemovesOldVersionsCellsButNotTheActiveNorItsPredecessor() throws Exception {
    fourServedVersions();
    GcReport report = registry.gc(0, false, false);
    assertEquals(List.of("v2", "v1"), report.versions());
    assertEquals(2L * ENTITIES.size() * modelTables().size(), report.cells());
    assertEquals(Map.of("v1", 0L, "v2", 0L, "v3", perVersion(), "v4", perVersion()), cellsPerVersion());
  }

  @Test
  void gcMarksTheRemovedVersionsRetired() throws Exception {
    fourServedVersions();
    registry.gc(0, false, false);
    assertEquals(List.of(ModelRegistry.PUBLISHED, ModelRegistry.PUBLISHED, ModelRegistry.RETIRED,
        ModelRegistry.RETIRED), registry.list().stream().map(ModelInfo::status).toList());
    assertThrows(IllegalStateException.class, () -> registry.activate("v1"));
  }

  @Test
  void gcKeepsTheNewestPublishedVersions() throws Exception {
    fourServedVersions();
    GcReport report = registry.gc(3, false, false);
    assertEquals(List.of("v1"), report.versions());
    assertEquals(Map.of("v1", 0L, "v2", perVersion(), "v3", perVersion(), "v4", perVersion()), cellsPerVersion());
  }

  @Test
  void gcDryRunCountsButRemovesNothing() throws Exception {
    fourServedVersions();
    GcReport report = registry.gc(0, false, true);
    assertEquals(Map.of("v2", perVersion(), "v1", perVersion()), report.cellsByVersion());
    assertEquals(Map.of("v1", perVersion(), "v2", perVersion(), "v3", perVersion(), "v4", perVersion()),
        cellsPerVersion());
    assertEquals(ModelRegistry.PUBLISHED, registry.describe("v1").orElseThrow().status());
  }

  @Test
  void gcSparesCandidatesNewerThanTheActiveUnlessAsked() throws Exception {
    fourServedVersions();
    candidate("v5", 5, 0.1);
    cells("v5");
    assertFalse(registry.gc(0, false, true).versions().contains("v5"));
    assertEquals(List.of("v5", "v2", "v1"), registry.gc(0, true, true).versions());
  }

  @Test
  void gcRemovesCandidatesThatWerePassedOver() throws Exception {
    served("v1", 1, 0.30);
    candidate("v2", 2, 0.10);
    cells("v2");
    served("v3", 3, 0.40);
    assertEquals(List.of("v2"), registry.gc(0, false, false).versions());
  }

  @Test
  void listIsNewestFirstAndMarksTheActive() throws Exception {
    served("v1", 1, 0.30);
    served("v2", 2, 0.40);
    candidate("v3", 3, 0.20);
    registry.rollback();
    List<ModelInfo> list = registry.list();
    assertEquals(List.of("v3", "v2", "v1"), list.stream().map(ModelInfo::version).toList());
    assertEquals(List.of(false, false, true), list.stream().map(ModelInfo::active).toList());
    assertEquals(List.of(ModelRegistry.CANDIDATE, ModelRegistry.PUBLISHED, ModelRegistry.PUBLISHED),
        list.stream().map(ModelInfo::status).toList());
  }

  @Test
  void describeReturnsTheRecordedLineage() throws Exception {
    Lineage lineage = candidate("v1", 1, 0.30);
    ModelInfo info = registry.describe("v1").orElseThrow();
    assertEquals(lineage, info.lineage().orElseThrow());
    assertEquals(0.30, info.metric(NDCG).orElseThrow());
  }

  /** v1 to v4 promoted in turn, each with cells in every model table: v4 active, v3 its predecessor. */
  private void fourServedVersions() throws IOException {
    for (int i = 1; i <= 4; i++) {
      served("v" + i, i, 0.1 * i);
      cells("v" + i);
    }
  }

  private Lineage candidate(String version, int day, double ndcg) throws IOException {
    Instant created = DAY_ONE.plusSeconds(86_400L * (day - 1));
    registry.register(version, created);
    Lineage lineage = new Lineage(List.of(new Lineage.Input("raw/clickstream/dt=2026-11-0" + day,
        Map.of("part-0.json.manifest", "md5-" + version))), Map.of("reco.similar.top-k", "50"), Map.of(NDCG, ndcg),
        "test", created);
    registry.recordLineage(version, lineage);
    return lineage;
  }

  private void served(String version, int day, double ndcg) throws IOException {
    candidate(version, day, ndcg);
    registry.activate(version);
  }

  /** A cell of {@code version} for each entity in each model table. */
  private static void cells(String version) throws IOException {
    for (TableSpec spec : modelTables()) {
      try (Table table = connection.getTable(spec.tableName())) {
        for (String entity : ENTITIES) {
          table.put(new Put(RowKeys.of(entity)).addColumn(spec.family().bytes(), ScoredLists.qualifier(version),
              ScoredLists.encode(List.of(new ScoredItem("x", 1.0)))));
        }
      }
    }
  }

  /** Cells per version qualifier across the model tables. */
  private static Map<String, Long> cellsPerVersion() throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    for (String version : List.of("v1", "v2", "v3", "v4")) {
      counts.put(version, 0L);
    }
    for (TableSpec spec : modelTables()) {
      try (Table table = connection.getTable(spec.tableName());
           ResultScanner rows = table.getScanner(new Scan())) {
        for (Result row : rows) {
          row.getFamilyMap(spec.family().bytes()).keySet().forEach(q ->
              counts.merge(new String(q, StandardCharsets.UTF_8), 1L, Long::sum));
        }
      }
    }
    return counts;
  }

  /** The cells written for one version: one per entity and model table. */
  private static long perVersion() {
    return (long) ENTITIES.size() * modelTables().size();
  }

  private static List<TableSpec> modelTables() {
    return RecoTables.MODEL_TABLES;
  }
}
