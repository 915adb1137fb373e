package io.reco.jobs.references;

/** What the join counted; events read = clean + unknown product + inactive product. */
public enum ReferencesCounters {
  /** Catalog rows read. */
  CATALOG_ROWS,
  /** Events read. */
  EVENTS_READ,
  /** Events of active catalog products, written to silver. */
  EVENTS_CLEAN,
  /** Events of products the catalog does not have, quarantined. */
  UNKNOWN_PRODUCT,
  /** Events of inactive products: kept in their own output, out of training data. */
  INACTIVE_PRODUCT
}
