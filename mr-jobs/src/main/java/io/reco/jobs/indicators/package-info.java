/** Trains every indicator a blend weighs (Mahout log-likelihood, cosine, EASE) and merges them per item. */
package io.reco.jobs.indicators;
