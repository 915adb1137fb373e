/** Silver to the feature store: per-item features, bulk-loaded as versioned cells. */
package io.reco.jobs.features;
