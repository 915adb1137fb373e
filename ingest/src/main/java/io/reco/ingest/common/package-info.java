/** Command-line plumbing shared by every reco command: arguments and exit codes. */
package io.reco.ingest.common;
