/**
 * Importers that turn public e-commerce and rating datasets (REES46, UCI Online Retail, RetailRocket, MovieLens)
 * into canonical events, orders and catalog snapshots in the raw zone, with every rejected row quarantined.
 */
package io.reco.ingest.importers;
