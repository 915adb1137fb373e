package io.reco.ingest.importers;

import java.time.Duration;

/**
 * The tunables of an import; {@link ImportTool} reads them from the {@code reco.import.*} settings.
 *
 * @param maxOpenFiles the most output files open at a time (hour partitions of events, dates of orders)
 * @param sessionGap the inactivity that ends a derived session (RetailRocket, MovieLens)
 * @param purchaseRating the MovieLens rating from which a rating counts as a purchase rather than a view
 */
public record ImportSettings(int maxOpenFiles, Duration sessionGap, float purchaseRating) {
  /** Checks every value. */
  public ImportSettings {
    if (maxOpenFiles < 1) {
      throw new IllegalArgumentException("at least one output file must be open, was " + maxOpenFiles);
    }
    if (sessionGap.isNegative() || sessionGap.isZero()) {
      throw new IllegalArgumentException("the session gap must be positive, was " + sessionGap);
    }
    if (!(purchaseRating >= MovieLensRatings.MIN_RATING && purchaseRating <= MovieLensRatings.MAX_RATING)) {
      throw new IllegalArgumentException("the purchase rating must lie in " + MovieLensRatings.MIN_RATING + " .. "
          + MovieLensRatings.MAX_RATING + ", was " + purchaseRating);
    }
  }
}
