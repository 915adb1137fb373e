package io.reco.records.raw;

/**
 * What can be wrong with a whole file of the raw zone, as opposed to one of its records. A file with such a problem
 * is quarantined as a whole: none of its records reaches silver, and the report names it.
 */
public enum FileProblem {
  /** The manifest is unreadable, truncated or lacks its checksum: nothing proves what the file should hold. */
  BAD_MANIFEST(true),
  /** The file's bytes (MD5 or length) differ from its manifest's: it changed or broke after its commit. */
  CHECKSUM_MISMATCH(true),
  /** The file holds more or fewer records than its manifest says. */
  COUNT_MISMATCH(true),
  /** The file cannot be read through: a corrupt or truncated compressed stream, an I/O error. */
  UNREADABLE(true),
  /** A manifest whose data file is missing. */
  MISSING_DATA_FILE(true),
  /** A data file without a manifest: never committed (a writer still at work, or a crash's leftover). */
  UNCOMMITTED(false),
  /** A file or directory the raw zone's layout has no place for (another extension, {@code hour=7}, a subdirectory). */
  UNEXPECTED_ENTRY(false);

  private final boolean fails;

  FileProblem(boolean fails) {
    this.fails = fails;
  }

  /** Whether the problem fails a run (data committed but lost or damaged) rather than warns of it. */
  public boolean fails() {
    return fails;
  }
}
