package io.reco.jobs.orders;

/**
 * What the orders job counted; rows read = orders clean + items clean + rows quarantined + duplicates + superseded +
 * rows in rejected files.
 */
public enum OrdersCounters {
  /** Data rows read from committed raw CSV files that matched their manifests, header lines excluded. */
  ROWS_READ,
  /** Rows read from files with an orders header. */
  ORDER_ROWS,
  /** Rows read from files with an order-items header. */
  ITEM_ROWS,
  /** Rows that failed a check, or items whose order has no valid order row, written to the quarantine. */
  ROWS_QUARANTINED,
  /** Second order rows of an order_id and second items of an (order_id, line_number), written to duplicates. */
  DUPLICATES,
  /**
   * Older versions of order rows and items that a later change from the shop's database replaced, and every row of
   * an order or item it deleted, written to duplicates with reason SUPERSEDED.
   */
  SUPERSEDED,
  /** Orders written to silver. */
  ORDERS_CLEAN,
  /** Items written to silver inside their orders. */
  ITEMS_CLEAN,
  /** Orders written to silver without any item; counted for the report, not an error. */
  ORDERS_WITHOUT_ITEMS,
  /** Files quarantined whole: they disagree with their manifests or cannot be read. */
  FILES_REJECTED,
  /** Data rows of the files quarantined whole. */
  ROWS_IN_REJECTED_FILES
}
