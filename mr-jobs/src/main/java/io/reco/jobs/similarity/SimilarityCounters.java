package io.reco.jobs.similarity;

/** Counts of the id joins after Mahout. */
public enum SimilarityCounters {
  /** Similar pairs Mahout wrote. */
  MAHOUT_PAIRS,
  /** Edges whose Mahout id had no item id: hash collisions or stray input; should stay 0. */
  UNNAMED_EDGES,
  /** Items given a neighbour list. */
  ITEMS_WITH_NEIGHBOURS
}
