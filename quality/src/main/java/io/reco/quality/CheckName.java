package io.reco.quality;

/**
 * What a check of a bronze-to-silver run judges, as its {@link Check#name()} begins. The assessment names its checks
 * here and a reader (a test, a schedule) finds them here.
 */
public enum CheckName {
  /** Raw files of one source against their manifests: {@code raw-files:<source>}. */
  RAW_FILES("raw-files"),
  /** read - kept - removed of one stage: {@code reconciliation:<stage>}. */
  RECONCILIATION("reconciliation"),
  /** Quarantined share of a source: {@code rejects:<source>}. */
  REJECTS("rejects"),
  /** Share of records repeating an id: {@code duplicates:<source>}. */
  DUPLICATES("duplicates"),
  /** Share of events whose event_id two or more users use: {@code conflicts:<source>}. */
  CONFLICTS("conflicts"),
  /** Share of near duplicate events: {@code near-duplicates:<source>}. */
  NEAR_DUPLICATES("near-duplicates"),
  /** Share of events from bots: {@code bots:<source>}. */
  BOTS("bots"),
  /** Share of events whose id a master snapshot lacks: {@code references:<field>}. */
  REFERENCES("references"),
  /** Share of events of unknown users kept as guests: {@code guests:<field>}. */
  GUESTS("guests"),
  /** Null rate of one field: {@code nulls:<source>.<field>}. */
  NULLS("nulls"),
  /** Drop of the daily volume against earlier runs: {@code volume}. */
  VOLUME("volume"),
  /** Hours since the newest raw file landed: {@code freshness}. */
  FRESHNESS("freshness"),
  /** Share of the range's days with data: {@code completeness}. */
  COMPLETENESS("completeness"),
  /** Population stability index of one distribution: {@code drift:<distribution>}. */
  DRIFT("drift");

  private final String label;

  CheckName(String label) {
    this.label = label;
  }

  /** The name of the check that judges the run as a whole, e.g. {@code volume}. */
  public String label() {
    return label;
  }

  /** The name of this check of {@code subject}, e.g. {@code rejects:clickstream}. */
  public String of(String subject) {
    return label + ":" + subject;
  }
}
