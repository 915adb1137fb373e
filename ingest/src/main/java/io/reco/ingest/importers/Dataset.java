package io.reco.ingest.importers;

import java.util.Arrays;
import java.util.Locale;

/** The public datasets the importers understand, by the name the {@code import} tool takes. */
public enum Dataset {
  /** REES46 multi-category store events (Kaggle, October 2019 onwards). */
  REES46("rees46"),
  /** UCI Online Retail transactions of a UK gift shop, 2010-2011. */
  ONLINE_RETAIL("online-retail"),
  /** RetailRocket events and item properties (Kaggle). */
  RETAILROCKET("retailrocket"),
  /**
   * MovieLens ratings, {@code ml-latest} CSV, ML-1M {@code ::} files or tab-separated files without a header
   * (ML-100K's {@code u.data}, {@code *.tsv}), with optional movies.
   */
  MOVIELENS("movielens"),
  /**
   * A session click log as the session-based benchmarks publish it (YOOCHOOSE, DIGINETICA, or session/item/time with
   * a header): {@link SessionLogs}.
   */
  SESSIONS("sessions");

  private final String id;

  Dataset(String id) {
    this.id = id;
  }

  /** The name used on the command line, in event ids and in output file names. */
  public String id() {
    return id;
  }

  /** The dataset called {@code id}; the error lists the known names. */
  public static Dataset of(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(d -> d.id.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + id + "'; expected one of "
            + Arrays.stream(values()).map(Dataset::id).toList()));
  }
}
