/** Master data sync: catalog and customer exports become dated, validated snapshots in the raw zone. */
package io.reco.ingest.master;
