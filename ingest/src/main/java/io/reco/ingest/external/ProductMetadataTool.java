package io.reco.ingest.external;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.commands.RecoTool;
import io.reco.commands.UsageException;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.Settings;
import io.reco.records.raw.Quarantine;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code product-metadata --url <first page> --raw <raw zone> [--timeout-ms 10000] [--attempts 3]}: pulls product
 * popularity, sentiment and trend from the metadata API, every page of it, into one JSON-lines file of items,
 * {@code external/product-metadata/dt=YYYY-MM-DD/product-metadata-<yyyyMMdd'T'HHmmss'Z'>.jsonl} (the pull's UTC
 * date and time), committed with its manifest (source: the first page's URL and the number of pages). Rejected items
 * ({@link MetadataItems}) go to {@code quarantine/product-metadata/dt=YYYY-MM-DD/} under the same name. A pull
 * that fails on any page commits nothing.
 *
 * <p>The API: {@code GET <url>} with {@code Accept: application/json} answers 200 with
 * <pre>
 * {"items": [{"product_id": "p1", "popularity": 0.8, "sentiment": 0.3, "trend": "rising", ...}, ...],
 *  "next": "https://api.example.com/v1/products/metrics?page=2"}
 * </pre>
 * {@code next} is absolute or relative to the page it is on, and null or absent on the last page. It must stay on
 * the first page's scheme, host and port, and must not lead back to a page already fetched. Other fields of an item
 * are kept as they are.
 *
 * <p>Each page gets up to {@code --attempts} attempts ({@link PageFetcher}); each attempt has {@code --timeout-ms}
 * to connect and as long again for the whole response. Configuration (defaults in reco-default.xml):
 * <ul>
 *   <li>{@value #BACKOFF_BASE_MS} and {@value #BACKOFF_CAP_MS}: the wait after the n-th failed attempt
 *   is drawn uniformly from {@code [0, min(cap, base * 2^(n-1))]} ms ({@link Backoff}).</li>
 *   <li>{@value #RETRY_AFTER_CAP_MS}: the longest {@code Retry-After} honoured.</li>
 *   <li>{@value #MAX_PAGES}: a pull with more pages stops with an error.</li>
 * </ul>
 */
@Command(name = ProductMetadataTool.NAME, description = "product metadata REST API -> raw zone, with retries")
public final class ProductMetadataTool extends RecoTool {
  /** The command name. */
  public static final String NAME = "ingest-product-metadata";
  /** The source name: its directory under {@code external/} and the quarantine, and the manifests' kind. */
  public static final String SOURCE = "product-metadata";
  /** The first delay ceiling, ms. */
  public static final String BACKOFF_BASE_MS = "reco.ingest.product-metadata.backoff-base-ms";
  /** The largest delay ceiling, ms. */
  public static final String BACKOFF_CAP_MS = "reco.ingest.product-metadata.backoff-cap-ms";
  /** The longest {@code Retry-After} honoured, ms. */
  public static final String RETRY_AFTER_CAP_MS = "reco.ingest.product-metadata.retry-after-cap-ms";
  /** The most pages one pull may have. */
  public static final String MAX_PAGES = "reco.ingest.product-metadata.max-pages";

  private static final Logger LOG = LoggerFactory.getLogger(ProductMetadataTool.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final Clock clock;
  private final Random random;
  private final Sleeper sleeper;

  @Option(names = "--url", required = true, description = "The first page of the metadata API.")
  private String url;
  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;
  @Option(names = "--timeout-ms", defaultValue = "10000", description = "Timeout of each request, ms.")
  private long timeoutMs;
  @Option(names = "--attempts", defaultValue = "3", description = "Attempts per page.")
  private int attempts;

  /** A tool printing to {@code out}, timing with {@code clock}, drawing delays from {@code random}. */
  public ProductMetadataTool(PrintStream out, Clock clock, Random random, Sleeper sleeper) {
    this.out = out;
    this.clock = clock;
    this.random = random;
    this.sleeper = sleeper;
  }

  /** A tool that prints to standard output and really waits. */
  public ProductMetadataTool() {
    this(System.out, Clock.systemUTC(), new Random(), Sleeper.SYSTEM);
  }

  @Override
  protected int execute() throws Exception {
    URI first = firstPage(url);
    if (timeoutMs < 1 || attempts < 1) {
      throw new UsageException(NAME + ": --timeout-ms and --attempts must be 1 or more, were "
          + timeoutMs + " and " + attempts);
    }
    Configuration conf = getConf();
    Backoff backoff = new Backoff(Settings.getLong(conf, BACKOFF_BASE_MS), Settings.getLong(conf, BACKOFF_CAP_MS),
        Settings.getLong(conf, RETRY_AFTER_CAP_MS), random);
    int maxPages = Settings.getInt(conf, MAX_PAGES);
    Duration timeout = Duration.ofMillis(timeoutMs);
    PageFetcher fetcher = new PageFetcher(PageFetcher.client(timeout), timeout, attempts, backoff, sleeper);
    FileSystem fs = raw.getFileSystem(conf);
    return pull(fetcher, first, maxPages, fs, new RawZone(fs.makeQualified(raw)));
  }

  private int pull(PageFetcher fetcher, URI first, int maxPages, FileSystem fs, RawZone zone)
      throws IOException, InterruptedException {
    Instant pulledAt = clock.instant();
    LocalDate today = LocalDate.ofInstant(pulledAt, ZoneOffset.UTC);
    String fileName = SOURCE + "-" + STAMP.format(pulledAt) + ".jsonl";
    Path target = new Path(RawZone.datePartition(zone.external(SOURCE), today), fileName);
    Path quarantine = new Path(zone.quarantine(SOURCE, today), fileName);
    MetadataItems checks = new MetadataItems();
    Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    Set<URI> fetched = new HashSet<>();
    long read = 0;
    int pages = 0;
    RawFileWriter items = RawFileWriter.create(fs, target);
    RawFileWriter rejects = null;
    boolean committed = false;
    try {
      for (URI page = first; page != null; ) {
        if (pages == maxPages) {
          throw new PullFailedException("more than " + MAX_PAGES + "=" + maxPages + " pages; stopped before " + page);
        }
        MetadataPage result = fetcher.fetch(page);
        fetched.add(page);
        pages++;
        List<JsonNode> found = result.items();
        for (int i = 0; i < found.size(); i++) {
          read++;
          String location = page + "#items[" + i + "]";
          try {
            items.write(checks.line(found.get(i), location));
          } catch (InvalidRecordException e) {
            rejected.merge(e.reason(), 1L, Long::sum);
            if (rejects == null) {
              rejects = RawFileWriter.create(fs, quarantine);
            }
            rejects.write(Quarantine.record(e.reason().name(), e.field(), location, e.getMessage(),
                MetadataItems.text(found.get(i))));
          }
        }
        page = result.next() == null ? null : nextPage(first, page, result.next(), fetched);
      }
      long rejectedTotal = rejects == null ? 0 : rejects.records();
      if (read != items.records() + rejectedTotal) {
        throw new IllegalStateException(read + " items read but " + items.records() + " written and "
            + rejectedTotal + " rejected");
      }
      Map<String, Object> source = Map.of("url", first.toString(), "pages", pages);
      if (rejects != null) {
        rejects.commit("quarantine", source, clock);
      }
      items.commit(SOURCE, source, clock);
      committed = true;
      String reasons = rejected.isEmpty() ? "" : rejected.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", " (", ")"));
      String summary = String.format("%d page%s (%d requests) from %s: %d items read = %d written + %d rejected%s",
          pages, pages == 1 ? "" : "s", fetcher.requests(), first, read, items.records(), rejectedTotal, reasons);
      out.println(NAME + ": " + summary);
      out.println(NAME + ": wrote " + target);
      if (rejects != null) {
        out.println(NAME + ": " + rejectedTotal + " rejected items in " + quarantine);
      }
      LOG.info("{}: {} -> {}", NAME, summary, target);
      return 0;
    } catch (PullFailedException e) {
      throw new PullFailedException(NAME + ": " + e.getMessage() + "; nothing committed");
    } finally {
      if (!committed) {
        items.abort();
        if (rejects != null) {
          rejects.abort();
        }
      }
    }
  }

  private static URI firstPage(String url) {
    try {
      URI uri = new URI(url.trim()).normalize();
      if (!uri.isAbsolute() || uri.getHost() == null || !isHttp(uri)) {
        throw new IllegalArgumentException(NAME + ": --url must be an absolute http or https URL, was '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(NAME + ": --url is not a URL: " + e.getMessage(), e);
    }
  }

  private static URI nextPage(URI first, URI page, String link, Set<URI> fetched) {
    // java.net.URI resolves a bare "?query" against the directory (RFC 2396); RFC 3986 keeps the page's path
    URI next = (link.startsWith("?") ? URI.create(page.getScheme() + "://" + page.getRawAuthority()
        + page.getRawPath() + link) : page.resolve(link)).normalize();
    if (!isHttp(next) || !next.getHost().equalsIgnoreCase(first.getHost()) || port(next) != port(first)
        || !next.getScheme().equalsIgnoreCase(first.getScheme())) {
      throw new PullFailedException("page " + page + " links to " + next + ", away from " + first.getScheme()
          + "://" + first.getAuthority());
    }
    if (fetched.contains(next)) {
      throw new PullFailedException("page " + page + " links back to " + next + ", fetched already: "
          + "the pagination loops");
    }
    return next;
  }

  private static boolean isHttp(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
