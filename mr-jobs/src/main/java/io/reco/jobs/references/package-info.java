/** Referential integrity of silver events against the catalog snapshot, as a reduce-side join. */
package io.reco.jobs.references;
