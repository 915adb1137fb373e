/** The raw zone's layout, its manifests (commit markers with checksums) and their verification. */
package io.reco.ingest.raw;
