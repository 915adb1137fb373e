package io.reco.schema;

import java.util.List;
import java.util.Map;

/**
 * What {@link ModelRegistry#gc} removed from the model tables, or would remove on a dry run.
 *
 * @param versions the versions retired, newest first
 * @param cellsByTable cells deleted per model table, by table name, in {@link RecoTables#MODEL_TABLES} order
 * @param cellsByVersion cells deleted per version
 * @param dryRun whether nothing was deleted and these are only the figures it would have
 */
public record GcReport(List<String> versions, Map<String, Long> cellsByTable, Map<String, Long> cellsByVersion,
    boolean dryRun) {

  /** Cells deleted in all. */
  public long cells() {
    return cellsByTable.values().stream().mapToLong(Long::longValue).sum();
  }
}
