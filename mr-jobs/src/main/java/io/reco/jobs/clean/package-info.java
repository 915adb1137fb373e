/**
 * Silver clean-up per user: exact duplicates, bot traffic and near duplicates taken out by explicit heuristics, in
 * two passes whose memory does not grow with a user's history (see {@link io.reco.jobs.clean.CleanJob}).
 */
package io.reco.jobs.clean;
