package io.reco.jobs.content;

/** What the content-neighbours job saw: catalog products read = active + inactive. */
public enum ContentCounters {
  /** Active products: the documents, and the only products listed as neighbours. */
  PRODUCTS,
  /** Inactive products, left out of the index: never a neighbour, never given neighbours. */
  INACTIVE_PRODUCTS,
  /** Index entries (tokens, brands, categories) with more than {@code reco.content.max-postings} products, sampled. */
  POSTINGS_CAPPED,
  /** Products written with at least one neighbour. */
  ITEMS_WITH_NEIGHBOURS
}
