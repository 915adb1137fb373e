/** The raw zone's layout, its manifests (commit markers with checksums), the committed writer and quarantine lines. */
package io.reco.records.raw;

