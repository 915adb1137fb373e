package io.reco.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.hbase.StandaloneHBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaAdminIT {
  @TempDir
  static Path dir;
  private static StandaloneHBase hbase;
  private static Connection connection;

  @BeforeAll
  static void start() throws Exception {
    hbase = StandaloneHBase.start(dir);
    connection = ConnectionFactory.createConnection(hbase.configuration());
  }

  @AfterAll
  static void stop() throws Exception {
    connection.close();
    hbase.close();
  }

  @Test
  void ensureIsIdempotentVerifySpotsDriftAndEnsureRepairsIt() throws Exception {
    try (Admin admin = connection.getAdmin()) {
      SchemaAdmin schema = new SchemaAdmin(admin);
      SchemaAdmin.Report first = schema.ensure();
      assertEquals(List.of("namespace reco", "reco:models", "reco:item_similar", "reco:item_next", "reco:popular",
          "reco:user_recent", "reco:user_excluded", "reco:user_top", "reco:user_features", "reco:item_features", "reco:item_together",
          "reco:item_content", "reco:item_status"), first.created());
      assertTrue(first.ok(), first.problems().toString());
      assertEquals(RecoTables.ENTITY_REGIONS, admin.getRegions(RecoTables.ITEM_SIMILAR.tableName()).size());

      SchemaAdmin.Report second = schema.ensure();
      assertEquals(List.of(), second.created());
      assertEquals(List.of(), second.altered());

      admin.modifyColumnFamily(RecoTables.POPULAR.tableName(), ColumnFamilyDescriptorBuilder
          .newBuilder(RecoTables.POPULAR.family().descriptor()).setTimeToLive(60).build());
      SchemaAdmin.Report drift = schema.verify();
      assertEquals(List.of("reco:popular: p ttl is 60, contract says " + RecoTables.MODEL_TTL_SECONDS),
          drift.problems());

      SchemaAdmin.Report repaired = schema.ensure();
      assertEquals(1, repaired.altered().size());
      assertTrue(repaired.ok());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = ToolRunner.run(hbase.configuration(), new SchemaTool(new PrintStream(out, true, "UTF-8")),
        new String[] {"verify"});
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("schema ok: " + RecoTables.ALL.size() + " tables"));
  }

  @Test
  void registryActivatesOnlyRegisteredVersionsAndKeepsStats() throws Exception {
    try (Admin admin = connection.getAdmin()) {
      new SchemaAdmin(admin).ensure();
    }
    ModelRegistry registry = new ModelRegistry(connection);
    assertThrows(IllegalArgumentException.class, () -> registry.activate("v-never-registered"));
    assertThrows(IllegalArgumentException.class, () -> registry.register("bad version", Instant.now()));

    Instant built = Instant.parse("2026-11-22T01:02:03Z");
    String version = ModelRegistry.newVersion(built);
    assertEquals("v20261122-010203", version);
    registry.register(version, built);
    assertEquals(ModelRegistry.BUILDING, registry.describe(version).orElseThrow().status());
    registry.recordStats(version, Map.of("pairs", 12L));
    registry.activate(version);

    assertEquals(version, registry.activeVersion().orElseThrow());
    ModelInfo info = registry.describe(version).orElseThrow();
    assertEquals(ModelRegistry.PUBLISHED, info.status());
    assertEquals(built, info.createdAt());
    assertEquals(Map.of("pairs", "12"), info.stats());
    assertFalse(registry.describe("v00000000-000000").isPresent());
  }

  @Test
  void describeListsEveryTable() {
    String text = SchemaAdmin.describe();
    for (TableSpec table : RecoTables.ALL) {
      assertTrue(text.contains(table.name()), table.name());
    }
    assertTrue(text.contains("family s: versions=1 ttl=7776000s compression=GZ encoding=FAST_DIFF bloom=ROW"), text);
  }
}
