package io.reco.ingest.importers;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.util.List;

/**
 * Maps MovieLens ratings, from {@code ml-latest}'s {@code ratings.csv} or ML-1M's {@code ratings.dat} (same columns,
 * {@code ::}-separated, no header), to canonical events that carry the rating. A rating at or above the purchase
 * threshold (4.0 by default) becomes a {@code purchase}, the strongest signal the jobs know, and anything lower a
 * {@code view}: the user watched the film but did not care for it. Timestamps are epoch seconds. Sessions are
 * derived with {@link GapSessions}.
 */
public final class MovieLensRatings {
  /** The header of {@code ratings.csv}, and the column names used for {@code ratings.dat}. */
  public static final List<String> HEADER = List.of("userId", "movieId", "rating", "timestamp");

  /** The lowest rating MovieLens gives: the lowest the event rules allow. */
  public static final float MIN_RATING = EventRules.MIN_RATING;

  /** The highest rating MovieLens gives. */
  public static final float MAX_RATING = EventRules.MAX_RATING;

  /**
   * One valid rating.
   *
   * @param userId the user
   * @param movieId the movie
   * @param rating 0.5 to 5 in half stars (whole stars in ML-1M)
   * @param time when it was given, UTC epoch ms
   */
  public record Rating(String userId, String movieId, float rating, long time) {
  }

  private final EventRules.Window times;
  private final float purchaseRating;

  /** A mapper accepting times in {@code times} that turns ratings of {@code purchaseRating} or more into purchases. */
  public MovieLensRatings(EventRules.Window times, float purchaseRating) {
    if (!(purchaseRating >= MIN_RATING && purchaseRating <= MAX_RATING)) {
      throw new IllegalArgumentException("the purchase rating must lie in " + MIN_RATING + " .. " + MAX_RATING
          + ", was " + purchaseRating);
    }
    this.times = times;
    this.purchaseRating = purchaseRating;
  }

  /** Validates one rating. */
  public Rating parse(List<String> values) throws InvalidRecordException {
    Fields f = Fields.of(HEADER, values);
    String user = f.integerId("userId");
    String movie = f.integerId("movieId");
    double rating = f.decimal("rating");
    if (rating < MIN_RATING || rating > MAX_RATING || rating * 2 != Math.rint(rating * 2)) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, "rating",
          "rating must be 0.5 to 5 in half stars, was " + f.required("rating"));
    }
    long seconds = f.longValue("timestamp");
    long millis;
    try {
      millis = Math.multiplyExact(seconds, 1000L);
    } catch (ArithmeticException e) {
      millis = seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    times.checkTime("timestamp", millis, f.required("timestamp"));
    return new Rating(user, movie, (float) rating, millis);
  }

  /** The event type of a rating: purchase at or above the threshold, view below it. */
  public EventType typeOf(float rating) {
    return rating >= purchaseRating ? EventType.purchase : EventType.view;
  }

  /** The canonical event of a rating in session {@code sessionId}. */
  public InteractionEvent toEvent(Rating rating, String eventId, String sessionId) {
    return InteractionEvent.newBuilder()
        .setEventId(eventId)
        .setUserId(rating.userId())
        .setProductId(rating.movieId())
        .setEventType(typeOf(rating.rating()))
        .setTimestamp(rating.time())
        .setSessionId(sessionId)
        .setRating(rating.rating())
        .build();
  }
}
