/**
 * Item-to-item similarity: Mahout's ItemSimilarityJob (log-likelihood) over the preferences, then two joins that
 * turn its numeric ids back into item ids and keep each item's top-K neighbours.
 */
package io.reco.jobs.similarity;
