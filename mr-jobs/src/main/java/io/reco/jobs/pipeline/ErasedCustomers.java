package io.reco.jobs.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.raw.RawZone;
import io.reco.schema.RecoTables;
import io.reco.schema.RowKeys;
import io.reco.schema.TableSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;

/**
 * The customers deleted in the shop's database, as the newest customers snapshot names them
 * ({@link RawZone#ERASED}), and their erasure from the served data: bronze to silver drops their events, and each
 * run deletes their rows from every user table ({@link RecoTables#USER_TABLES}), all model versions at once, so no
 * version served or kept for a rollback still holds them.
 */
final class ErasedCustomers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENTITY = "customers";

  private ErasedCustomers() {
  }

  /** The ids the newest customers snapshot under {@code raw} names erased; none without a snapshot. */
  static List<String> read(FileSystem fs, Path raw) throws IOException {
    Path snapshot = new RawZone(raw).latestSnapshot(fs, ENTITY);
    List<String> ids = new ArrayList<>();
    Path erased = snapshot == null ? null : new Path(snapshot, RawZone.ERASED);
    if (erased == null || !fs.exists(erased)) {
      return ids;
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(erased), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          ids.add(JSON.readTree(line).path("customer_id").asText());
        }
      }
    }
    return ids;
  }

  /** Deletes the rows of {@code ids} from every user table. */
  static void delete(Connection connection, List<String> ids) throws IOException {
    if (ids.isEmpty()) {
      return;
    }
    for (TableSpec table : RecoTables.USER_TABLES) {
      try (BufferedMutator rows = connection.getBufferedMutator(table.tableName())) {
        for (String id : ids) {
          rows.mutate(new Delete(RowKeys.of(id)));
        }
      }
    }
  }
}
