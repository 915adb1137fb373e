package io.reco.jobs.retention;

/** What retention does with a unit. Every unit seen gets one: seen = kept + held + protected + deleted. */
public enum Verdict {
  /** Younger than its class's limit. */
  KEPT,
  /** Past its limit but kept: files in it are still being written, or the layout still needs it. */
  HELD,
  /** Past its limit but named by the lineage of a version the registry may still serve. */
  PROTECTED,
  /** Past its limit: deleted (or, in a dry run, would be). */
  DELETED
}
