/** A deterministic synthetic shop: catalog, customers and a clickstream with a realistic purchase funnel. */
package io.reco.jobs.generate;
