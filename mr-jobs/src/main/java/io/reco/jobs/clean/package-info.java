/** Silver clean-up per user: near-duplicate events and bot traffic taken out, by explicit heuristics. */
package io.reco.jobs.clean;
