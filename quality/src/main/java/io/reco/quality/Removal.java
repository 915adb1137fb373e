package io.reco.quality;

/**
 * Where the records a stage removed went, as the report names them in {@link Stage#removed()}: the jobs count them
 * here and the assessment reads them here.
 */
public enum Removal {
  /** Broken records, written to the quarantine with their reason. */
  QUARANTINED("quarantined"),
  /** Records repeating the id of one kept. */
  DUPLICATES("duplicates"),
  /** Older versions of rows the shop's database changed or deleted later, kept aside with the duplicates. */
  SUPERSEDED("superseded by a later change"),
  /** Events repeating one kept within moments, under another id. */
  NEAR_DUPLICATES("near duplicates"),
  /** Events of users judged bots. */
  BOTS("bots"),
  /** Events whose reference the master snapshot lacks; named {@code unknown <field>}. */
  UNKNOWN("unknown"),
  /** Events of customers deleted in the shop's database: dropped, kept nowhere. */
  ERASED("erased customers (dropped)"),
  /** Events of products the catalog marks inactive, kept aside. */
  INACTIVE("inactive (kept aside)"),
  /** The service's own impressions: valid, set apart from the shop's events for the feedback job. */
  IMPRESSIONS("service impressions (set apart)"),
  /** Records of raw files quarantined whole (a checksum or count that does not match, an unreadable file). */
  IN_REJECTED_FILES("in rejected files"),
  /** Events whose event_id two or more users use: no one of them can be told the true one. */
  CONFLICTS("conflicting event ids");

  private final String label;

  Removal(String label) {
    this.label = label;
  }

  /** {@code n} records removed this way. */
  public Count count(long n) {
    return new Count(label, n);
  }

  /** {@code n} records removed this way for {@code field}, e.g. {@code unknown product_id}. */
  public Count count(String field, long n) {
    return new Count(label + " " + field, n);
  }

  /** Whether {@code count} counts records removed this way, for no field in particular. */
  boolean counts(Count count) {
    return count.name().equals(label);
  }
}
