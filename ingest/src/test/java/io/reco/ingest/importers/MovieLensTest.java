package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Product;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MovieLensTest {
  private static final EventRules.Window RULES = EventRules.from(Settings.defaults())
      .at(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
  private final EventRules.Window times = RULES;
  private final MovieLensRatings ratings = new MovieLensRatings(times, 4.0f);

  private static List<String> row(String line) {
    return Arrays.asList(line.split(",", -1));
  }

  private RejectReason reasonOf(String line) {
    return assertThrows(InvalidRecordException.class, () -> ratings.parse(row(line))).reason();
  }

  @Test
  void ratingsAtOrAboveTheThresholdArePurchasesAndKeepTheirRating() throws Exception {
    MovieLensRatings.Rating r = ratings.parse(row("1,1,4.0,964982703"));
    InteractionEvent e = ratings.toEvent(r, "movielens:abc:2", "movielens:1:964981247000");

    assertEquals(EventType.purchase, e.getEventType());
    assertEquals(4.0f, e.getRating());
    assertEquals(964982703000L, e.getTimestamp());
    assertNull(e.getPrice());
    assertEquals(EventType.view, ratings.typeOf(3.5f));
    assertEquals(EventType.view, new MovieLensRatings(times, 4.5f).typeOf(4.0f));
    assertEquals(EventType.purchase, new MovieLensRatings(times, 4.5f).typeOf(4.5f));
    assertThrows(IllegalArgumentException.class, () -> new MovieLensRatings(times, 0f));
  }

  @Test
  void rejectsRatingsOutsideHalfStarsAndTimesInMilliseconds() {
    assertEquals(RejectReason.INVALID_VALUE, reasonOf("3,1,6.0,1445715000"));
    assertEquals(RejectReason.INVALID_VALUE, reasonOf("3,1,0,1445715000"));
    assertEquals(RejectReason.INVALID_VALUE, reasonOf("3,2,3.3,1445715000"));
    assertEquals(RejectReason.WRONG_TYPE, reasonOf("3,x,3.0,1445715000"));
    assertEquals(RejectReason.INVALID_TIMESTAMP, reasonOf("3,2,3.0,1445715000000"));
    assertEquals(RejectReason.INVALID_TIMESTAMP, reasonOf("3,2,3.0,9223372036854775807"));
    assertEquals(RejectReason.WRONG_COLUMN_COUNT, reasonOf("3,2,3.0"));
    assertEquals(RejectReason.MISSING_FIELD, reasonOf("3,2,,1445715000"));
  }

  @Test
  void moviesGiveNameGenresAndYear() throws Exception {
    CatalogBuilder catalog = new CatalogBuilder("movie");
    MovieLensMovies.addTo(catalog, MovieLensMovies.parse(
        List.of("3", "Grumpier Old Men, The (1995)", "Comedy|Romance")));
    MovieLensMovies.addTo(catalog, MovieLensMovies.parse(List.of("8", "Tom and Huck (1995)", "(no genres listed)")));
    catalog.rating("3", 964981247000L, 4.0f);
    catalog.rating("3", 1445714900000L, 0.5f);
    List<Product> products = catalog.products(42L);

    Product grumpier = products.get(0);
    assertEquals("Grumpier Old Men, The (1995)", grumpier.getName());
    assertEquals("Comedy", grumpier.getCategory());
    assertEquals(Map.of("genres", "Comedy|Romance", "year", "1995"), grumpier.getAttributes());
    assertEquals(2.25f, grumpier.getAvgRating());
    assertEquals(2, grumpier.getNumReviews());
    assertEquals(964981247000L, grumpier.getCreatedAt());
    Product tom = products.get(1);
    assertEquals(CatalogBuilder.UNKNOWN, tom.getCategory());
    assertEquals(42L, tom.getCreatedAt(), "an unrated movie gets the default");
    assertNull(tom.getAvgRating());
    assertEquals(RejectReason.WRONG_TYPE, assertThrows(InvalidRecordException.class,
        () -> MovieLensMovies.parse(List.of("x", "Broken", "Drama"))).reason());
  }
}
