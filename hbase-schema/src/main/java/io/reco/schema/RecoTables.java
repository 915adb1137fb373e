package io.reco.schema;

import java.util.List;
import org.apache.hadoop.hbase.io.compress.Compression;
import org.apache.hadoop.hbase.io.encoding.DataBlockEncoding;
import org.apache.hadoop.hbase.regionserver.BloomType;

/**
 * Every HBase table of reco, declared once. Jobs, servlet, tests, the admin tool and Ansible all create and read
 * the tables from these declarations.
 *
 * <p>Model tables keep one row per entity and one qualifier per model version, so a new model is bulk-loaded
 * beside the live one and becomes visible only when {@link ModelRegistry#activate} switches the pointer.
 */
public final class RecoTables {
  /** The namespace every table lives in. */
  public static final String NAMESPACE = "reco";

  /** Cells of superseded models age out after this long. */
  public static final int MODEL_TTL_SECONDS = 90 * 24 * 3600;

  /** Regions an entity table is pre-split into, on the row-key hash prefix. */
  public static final int ENTITY_REGIONS = 8;

  /** Cell versions the model registry keeps: the active pointer's last switches, which rollback reads. */
  public static final int MODEL_HISTORY = 20;

  /** Model registry: one row per model version with its status and statistics, plus the active pointer. */
  public static final TableSpec MODELS = new TableSpec(NAMESPACE + ":models",
      "one row per model version (status, created_at, stats); row '_active' points at the served version",
      "model version, or '_active'",
      List.of(new FamilySpec("m", MODEL_HISTORY, FamilySpec.NO_TTL, Compression.Algorithm.NONE,
          DataBlockEncoding.NONE, BloomType.ROW)),
      1);

  /** Per item, its top-K neighbours: the indicators (log-likelihood, cosine, EASE) blended by tuned weights. */
  public static final TableSpec ITEM_SIMILAR = modelTable("item_similar", "s",
      "per item: the top-K neighbours, indicators blended, one ScoredItemList per model version",
      "RowKeys.of(itemId)", ENTITY_REGIONS);

  /** Per item, what to offer next to a visitor who saw it: the session blend of the indicators. */
  public static final TableSpec ITEM_NEXT = modelTable("item_next", "n",
      "per item: the session neighbours (what visitors go on to), indicators blended by the session weights, one"
          + " ScoredItemList per model version", "RowKeys.of(itemId)", ENTITY_REGIONS);

  /** Ranked popularity lists: the global one and one per category, and the trending lists beside them. */
  public static final TableSpec POPULAR = modelTable("popular", "p",
      "per list ('global', 'category:<name>', 'trending', 'trending:category:<name>'): the most popular items, and"
          + " those trending against their own baseline, one ScoredItemList per model version",
      "RowKeys.of(listName)", 1);

  /** Per user, the items they interacted with most recently, weighted by strength and recency. */
  public static final TableSpec USER_RECENT = modelTable("user_recent", "r",
      "per user: recent items weighted by interaction strength and recency, one ScoredItemList per model version",
      "RowKeys.of(userId)", ENTITY_REGIONS);

  /** Per active user, their top picks as the run ranked them, which the service answers with as they are. */
  public static final TableSpec USER_TOP = modelTable("user_top", "k",
      "per active user: the top picks precomputed with the service's ranking (the best reco.ranking.precompute-k), one"
          + " ScoredItemList per model version", "RowKeys.of(userId)", ENTITY_REGIONS);

  /** Per user, the items never to offer them (what they bought, by the exclusion rules of the run). */
  public static final TableSpec USER_EXCLUDED = modelTable("user_excluded", "x",
      "per user: the items never to recommend to them (score: last interaction, epoch seconds), one ScoredItemList"
          + " per model version", "RowKeys.of(userId)", ENTITY_REGIONS);

  /** Per user, the user features of the run ({@link FeatureCells}): one versioned record per model version. */
  public static final TableSpec USER_FEATURES = modelTable("user_features", "f",
      "per user: the user feature set (UserFeatures, its schema version in the cell's first byte), one cell per"
          + " model version", "RowKeys.of(userId)", ENTITY_REGIONS);

  /** Per item, the item features of the run ({@link FeatureCells}): one versioned record per model version. */
  public static final TableSpec ITEM_FEATURES = modelTable("item_features", "f",
      "per item: the item feature set (ItemFeatures, its schema version in the cell's first byte), one cell per"
          + " model version", "RowKeys.of(itemId)", ENTITY_REGIONS);

  /** Per item, the items bought in the same baskets more often than chance (frequently bought together). */
  public static final TableSpec ITEM_TOGETHER = modelTable("item_together", "t",
      "per item: the items most often bought in the same basket (log-likelihood, support as tie-break), one"
          + " ScoredItemList per model version", "RowKeys.of(itemId)", ENTITY_REGIONS);

  /** Per item, the catalog products most alike in text, category and brand (content-based similar items). */
  public static final TableSpec ITEM_CONTENT = modelTable("item_content", "c",
      "per item: the active products most alike in name, description, attributes, category and brand (cosine of"
          + " TF-IDF vectors), one ScoredItemList per model version", "RowKeys.of(itemId)", ENTITY_REGIONS);

  /**
   * Per item, its live state from the shop's databases (change data capture): price, stock, active, deleted
   * ({@link ItemStatus}). Not versioned by model: each cell's timestamp is the change's source position, so a
   * change applied twice, or after a later one, leaves the newest in place.
   */
  public static final TableSpec ITEM_STATUS = new TableSpec(NAMESPACE + ":item_status",
      "per item: its live price, stock and active flags from the shop's change events (ItemStatus), each cell"
          + " timestamped by the change's source position", "RowKeys.of(itemId)",
      List.of(new FamilySpec("s", 1, FamilySpec.NO_TTL, Compression.Algorithm.NONE, DataBlockEncoding.FAST_DIFF,
          BloomType.ROW)),
      ENTITY_REGIONS);

  /** The tables of the models: one cell per model version, bulk-loaded by a run, removed by gc. */
  public static final List<TableSpec> MODEL_TABLES = List.of(ITEM_SIMILAR, ITEM_NEXT, POPULAR, USER_RECENT,
      USER_EXCLUDED, USER_TOP, USER_FEATURES, ITEM_FEATURES, ITEM_TOGETHER, ITEM_CONTENT);
  /** The model tables keyed by user id: an erased customer's row is deleted from each, every version at once. */
  public static final List<TableSpec> USER_TABLES = List.of(USER_RECENT, USER_EXCLUDED, USER_TOP, USER_FEATURES);

  /** All tables, in creation order. */
  public static final List<TableSpec> ALL = java.util.stream.Stream.concat(java.util.stream.Stream.concat(
      java.util.stream.Stream.of(MODELS), MODEL_TABLES.stream()), java.util.stream.Stream.of(ITEM_STATUS)).toList();

  private RecoTables() {
  }

  private static TableSpec modelTable(String name, String family, String description, String rowKey,
      int regions) {
    return new TableSpec(NAMESPACE + ":" + name, description, rowKey,
        List.of(new FamilySpec(family, 1, MODEL_TTL_SECONDS, Compression.Algorithm.GZ, DataBlockEncoding.FAST_DIFF,
            BloomType.ROW)),
        regions);
  }
}
