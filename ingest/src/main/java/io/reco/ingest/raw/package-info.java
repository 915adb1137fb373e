/** Verification of the raw zone: every data file against its manifest. */
package io.reco.ingest.raw;
