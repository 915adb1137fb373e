package io.reco.ingest.importers;

import io.reco.records.InvalidRecordException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps MovieLens' {@code movies.csv} ({@code movieId,title,genres}) or ML-1M's {@code movies.dat} to catalog facts:
 * the title is the name, the first genre the category (none listed: unknown), all genres and the release year from
 * the title are kept as attributes {@code genres} and {@code year}. MovieLens has no prices: the catalog's is 0.0.
 */
public final class MovieLensMovies {
  /** The header of {@code movies.csv}, and the column names used for {@code movies.dat}. */
  public static final List<String> HEADER = List.of("movieId", "title", "genres");

  private static final String NO_GENRES = "(no genres listed)";
  private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

  /**
   * One valid movie.
   *
   * @param movieId the movie
   * @param title the title, release year included as MovieLens writes it
   * @param genres the genres, possibly none
   */
  public record Movie(String movieId, String title, List<String> genres) {
  }

  private MovieLensMovies() {
  }

  /** Validates one movie. */
  public static Movie parse(List<String> values) throws InvalidRecordException {
    Fields f = Fields.of(HEADER, values);
    String id = f.integerId("movieId");
    String title = f.required("title");
    String genres = f.optional("genres");
    List<String> list = genres == null || genres.equals(NO_GENRES) ? List.of()
        : Arrays.stream(genres.split("\\|")).map(String::trim).filter(g -> !g.isEmpty()).toList();
    return new Movie(id, title, list);
  }

  /** What a movie tells the catalog; it has no time, so anything timed overrides it. */
  public static void addTo(CatalogBuilder catalog, Movie movie) {
    String id = movie.movieId();
    catalog.name(id, CatalogBuilder.UNTIMED, movie.title());
    if (!movie.genres().isEmpty()) {
      catalog.category(id, CatalogBuilder.UNTIMED, movie.genres().get(0), null);
      catalog.attribute(id, CatalogBuilder.UNTIMED, "genres", String.join("|", movie.genres()));
    }
    Matcher year = YEAR.matcher(movie.title());
    if (year.find()) {
      catalog.attribute(id, CatalogBuilder.UNTIMED, "year", year.group(1));
    }
  }
}
