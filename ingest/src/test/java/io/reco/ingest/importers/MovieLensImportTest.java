package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.ingest.raw.RawVerifier;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MovieLens importer on hand-made fixtures in both formats: ml-latest CSV and ML-1M {@code ::} files. */
class MovieLensImportTest {
  @TempDir
  java.nio.file.Path dir;
  private ImportedZone zone;

  @BeforeEach
  void setUp() throws Exception {
    zone = new ImportedZone(dir);
  }

  private Map<String, JsonNode> catalog(String snapshot) throws Exception {
    Map<String, JsonNode> catalog = new HashMap<>();
    zone.lines("master/catalog/" + snapshot + "/catalog.jsonl")
        .forEach(p -> catalog.put(p.get("product_id").asText(), p));
    return catalog;
  }

  @Test
  void importsCsvRatingsAndMovies() throws Exception {
    ImportReport report = zone.run(Dataset.MOVIELENS, ImportedZone.fixture("movielens/ratings.csv"),
        ImportedZone.fixture("movielens/movies.csv"));

    assertEquals(12, report.rowsRead());
    assertEquals(Map.of(EventType.purchase, 4L, EventType.view, 2L), report.eventsByType());
    assertEquals(Map.of(RejectReason.INVALID_VALUE, 2L, RejectReason.WRONG_TYPE, 1L,
        RejectReason.INVALID_TIMESTAMP, 1L, RejectReason.WRONG_COLUMN_COUNT, 1L, RejectReason.MISSING_FIELD, 1L),
        report.rejectsByReason());
    assertEquals(2, report.users());
    assertEquals(3, report.products());
    assertEquals(3, report.sessions());
    assertEquals(8, report.itemRowsRead());
    assertEquals(6, report.itemRowsUsed());
    assertEquals(Map.of(RejectReason.WRONG_TYPE, 1L, RejectReason.WRONG_COLUMN_COUNT, 1L),
        report.itemRejectsByReason());
    assertEquals(6, report.catalogProducts());
    assertEquals("snapshot=2015-10-25", report.catalogSnapshot());
    assertEquals(List.of("dt=2000-07-30/hour=18", "dt=2015-10-24/hour=19", "dt=2015-10-25/hour=19"),
        zone.files("clickstream/").stream().map(f -> f.substring("clickstream/".length(), f.lastIndexOf('/')))
            .toList());

    Map<String, String> reasons = new TreeMap<>();
    zone.quarantine().forEach((source, line) -> reasons.put(source, line.get("reason").asText()));
    assertEquals(new TreeMap<>(Map.of("ratings.csv:7", "INVALID_VALUE", "ratings.csv:8", "INVALID_VALUE",
        "ratings.csv:9", "WRONG_TYPE", "ratings.csv:10", "INVALID_TIMESTAMP", "ratings.csv:11", "WRONG_COLUMN_COUNT",
        "ratings.csv:12", "MISSING_FIELD", "movies.csv:8", "WRONG_TYPE", "movies.csv:9", "WRONG_COLUMN_COUNT")),
        reasons);
    assertEquals("9,\"Unterminated (1995),Drama", zone.quarantine().get("movies.csv:9").get("record").asText());

    RawVerifier.Report verified = RawVerifier.verify(zone.fs, zone.root);
    assertTrue(verified.ok(), verified.findings().toString());
    assertEquals(6 + 8 + 6, verified.records());
  }

  @Test
  void ratingsKeepTheirValueAndSessionsFollowInactivity() throws Exception {
    zone.run(Dataset.MOVIELENS, ImportedZone.fixture("movielens/ratings.csv"));
    Map<String, JsonNode> byMovieAndUser = new HashMap<>();
    zone.allLines("clickstream/").forEach(e -> byMovieAndUser.put(
        e.get("user_id").asText() + "/" + e.get("product_id").asText(), e));

    JsonNode heat = byMovieAndUser.get("1/6");
    assertEquals("view", heat.get("event_type").asText());
    assertEquals(3.5, heat.get("rating").asDouble());
    assertEquals(964982224000L, heat.get("timestamp").asLong());
    assertEquals("movielens:1:964981247000", heat.get("session_id").asText());
    assertEquals("purchase", byMovieAndUser.get("2/6").get("event_type").asText());
    assertEquals("movielens:2:1445714835000", byMovieAndUser.get("2/3").get("session_id").asText());
    assertEquals("movielens:2:1445800000000", byMovieAndUser.get("2/6").get("session_id").asText());
  }

  @Test
  void thePurchaseThresholdIsASetting() throws Exception {
    ImportReport report = zone.run(new ImportSettings(32, Duration.ofMinutes(30), 4.5f), Dataset.MOVIELENS,
        ImportedZone.fixture("movielens/ratings.csv"));

    assertEquals(Map.of(EventType.purchase, 2L, EventType.view, 4L), report.eventsByType());
  }

  @Test
  void catalogHasTitlesGenresYearsAndRatingStatistics() throws Exception {
    zone.run(Dataset.MOVIELENS, ImportedZone.fixture("movielens/ratings.csv"),
        ImportedZone.fixture("movielens/movies.csv"));
    Map<String, JsonNode> catalog = catalog("snapshot=2015-10-25");

    assertEquals(List.of("1", "2", "3", "6", "7", "8"), catalog.keySet().stream().sorted().toList());
    JsonNode toyStory = catalog.get("1");
    assertEquals("Toy Story (1995)", toyStory.get("name").asText());
    assertEquals("Adventure", toyStory.get("category").asText());
    assertEquals("Adventure|Animation|Children|Comedy|Fantasy", toyStory.get("attributes").get("genres").asText());
    assertEquals("1995", toyStory.get("attributes").get("year").asText());
    assertEquals(4.5, toyStory.get("avg_rating").asDouble());
    assertEquals(2, toyStory.get("num_reviews").asInt());
    assertEquals(964982703000L, toyStory.get("created_at").asLong());
    assertEquals(0.0, toyStory.get("price").asDouble());
    assertEquals("Grumpier Old Men, The (1995)", catalog.get("3").get("name").asText());
    assertEquals(964981247000L, catalog.get("2").get("created_at").asLong(), "unrated: the first rating's time");
    assertEquals("unknown", catalog.get("7").get("category").asText());
    assertEquals("unknown", catalog.get("8").get("category").asText());
  }

  @Test
  void importsMl1mDoubleColonFilesInLatin1() throws Exception {
    ImportReport report = zone.run(Dataset.MOVIELENS, ImportedZone.fixture("ml-1m/ratings.dat"),
        ImportedZone.fixture("ml-1m/movies.dat"));

    assertEquals(5, report.rowsRead());
    assertEquals(Map.of(EventType.purchase, 2L, EventType.view, 1L), report.eventsByType());
    assertEquals(Map.of(RejectReason.WRONG_TYPE, 1L, RejectReason.WRONG_COLUMN_COUNT, 1L), report.rejectsByReason());
    assertEquals(2, report.sessions());
    assertEquals(3, report.itemRowsUsed());
    assertEquals("ratings.dat:5", zone.quarantine().keySet().stream().filter(s -> s.endsWith(":5")).findFirst()
        .orElseThrow());
    Map<String, JsonNode> catalog = catalog("snapshot=2000-12-31");
    assertEquals("Café au lait (1993)", catalog.get("3").get("name").asText());
    assertEquals("Animation", catalog.get("661").get("category").asText());
    assertEquals(2, catalog.get("1193").get("num_reviews").asInt());
    assertEquals(List.of("dt=2000-12-31/hour=21", "dt=2000-12-31/hour=22"), zone.files("clickstream/").stream()
        .map(f -> f.substring("clickstream/".length(), f.lastIndexOf('/'))).toList());
    assertTrue(new Path(report.files().get(0)).getName().startsWith("movielens-"));
  }

  @Test
  void importsMl100kTabSeparatedFilesWithoutAHeader() throws Exception {
    ImportReport report = zone.run(Dataset.MOVIELENS, ImportedZone.fixture("ml-100k/u.data"));

    assertEquals(5, report.rowsRead(), "no header line: every line is a rating");
    assertEquals(Map.of(EventType.purchase, 2L, EventType.view, 1L), report.eventsByType());
    assertEquals(Map.of(RejectReason.WRONG_TYPE, 1L, RejectReason.WRONG_COLUMN_COUNT, 1L), report.rejectsByReason());
    assertEquals("u.data:5", zone.quarantine().keySet().stream().filter(k -> k.endsWith(":5")).findFirst()
        .orElseThrow());
  }

  @Test
  void aTabSeparatedFileNamedCsvIsRefusedSayingHowToNameIt() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> zone.run(Dataset.MOVIELENS, ImportedZone.fixture("ml-100k/tabs.csv")));
    assertTrue(e.getMessage().endsWith("(a tab-separated file without a header must be named *.tsv or *.data)"),
        e.getMessage());
  }
}
