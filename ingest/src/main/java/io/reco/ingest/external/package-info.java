/** Pulls from outside APIs into the raw zone: product popularity, sentiment and trend metadata. */
package io.reco.ingest.external;
