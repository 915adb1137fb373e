package io.reco.ingest.importers;

import io.reco.ingest.raw.RawVerifier;
import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Order;
import io.reco.records.raw.Quarantine;
import io.reco.records.raw.RawZone;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Imports one input of a public dataset into a raw zone: reads it through Hadoop's {@link FileSystem} (compressed
 * inputs are decompressed by extension), maps every row with the dataset's mapper, stages events, cancelled orders,
 * rejects and the catalog, checks that the counts {@link ImportReport#reconcile reconcile} and only then publishes.
 * Event ids are {@code <dataset>:<first 12 hex of the input's MD5>:<line>}, unique and stable across re-imports.
 */
public final class ImportRun {
  private final Configuration conf;
  private final ImportSettings settings;
  private final Clock clock;
  /** The character set of CSV inputs; ML-1M's {@code .dat} files are always Latin-1. */
  private final Charset csvCharset;

  /** Imports with {@code settings}, timing manifests and the quarantine date by {@code clock}. */
  public ImportRun(Configuration conf, ImportSettings settings, Clock clock) {
    this(conf, settings, clock, StandardCharsets.UTF_8);
  }

  private ImportRun(Configuration conf, ImportSettings settings, Clock clock, Charset csvCharset) {
    this.conf = conf;
    this.settings = settings;
    this.clock = clock;
    this.csvCharset = csvCharset;
  }

  /** This import reading CSV inputs as {@code charset}. */
  public ImportRun withEncoding(Charset charset) {
    return new ImportRun(conf, settings, clock, charset);
  }

  /**
   * Imports {@code input} of {@code dataset}, with its item files (RetailRocket's item properties, MovieLens'
   * movies; none for the others), into the raw zone at {@code raw}.
   *
   * @throws IllegalArgumentException when an input is missing or is not a file of the dataset (wrong header)
   * @throws IllegalStateException when the import does not reconcile; nothing is published then
   */
  public ImportReport run(Dataset dataset, Path input, List<Path> items, Path raw) throws IOException {
    if ((dataset == Dataset.REES46 || dataset == Dataset.ONLINE_RETAIL || dataset == Dataset.SESSIONS)
        && !items.isEmpty()) {
      throw new IllegalArgumentException(dataset.id() + " has no item files; its catalog comes from its rows");
    }
    if (dataset == Dataset.MOVIELENS && items.size() > 1) {
      throw new IllegalArgumentException("movielens takes one movies file, not " + items.size());
    }
    FileSystem inFs = input.getFileSystem(conf);
    requireFile(inFs, input);
    for (Path item : items) {
      requireFile(item.getFileSystem(conf), item);
    }
    String md5 = RawVerifier.md5(inFs, input);
    FileSystem rawFs = raw.getFileSystem(conf);
    RawZone zone = new RawZone(rawFs.makeQualified(raw));
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("dataset", dataset.id());
    source.put("input", inFs.makeQualified(input).toString());
    source.put("input_md5", md5);
    ImportReport report = new ImportReport(dataset, input.getName(), md5);
    try (StagedOutputs out = new StagedOutputs(rawFs, zone, dataset, md5, source, clock, settings.maxOpenFiles())) {
      Importing importing = new Importing(dataset, md5, report, out, source);
      switch (dataset) {
        case REES46 -> importing.rees46(input);
        case ONLINE_RETAIL -> importing.onlineRetail(input);
        case RETAILROCKET -> importing.retailRocket(input, items);
        case MOVIELENS -> importing.movieLens(input, items);
        case SESSIONS -> importing.sessions(input);
        default -> throw new IllegalArgumentException("no importer for " + dataset);
      }
      out.commit();
      report.written(out.eventsWritten(), out.ordersWritten(), out.rejectsWritten(), out.productsWritten(),
          out.merged());
      report.distinct(importing.users.size(), importing.products.size());
      report.reconcile();
      StagedOutputs.Published published = out.publish();
      report.published(published.files(), published.staleRemoved());
    }
    return report;
  }

  private static void requireFile(FileSystem fs, Path path) throws IOException {
    boolean file;
    try {
      file = fs.getFileStatus(path).isFile();
    } catch (FileNotFoundException e) {
      file = false;
    }
    if (!file) {
      throw new IllegalArgumentException("input " + path + " does not exist or is not a file");
    }
  }

  /** How a file's columns are separated and its text encoded, and whether its first line is a header. */
  private record Format(DelimitedReader.Syntax syntax, Charset charset, boolean header) {
    static final Format CSV = new Format(DelimitedReader.Syntax.CSV, StandardCharsets.UTF_8, true);
    // ML-1M's .dat files are Latin-1 (accented titles in movies.dat) and have no header
    static final Format DAT = new Format(DelimitedReader.Syntax.DOUBLE_COLON, StandardCharsets.ISO_8859_1, false);
    // ML-100K's u.data and most ratings exports: user, item, rating, time, tab-separated, no header
    static final Format TSV = new Format(DelimitedReader.Syntax.TAB, StandardCharsets.UTF_8, false);
  }

  /** Maps one row; a rejection is thrown, never returned. */
  private interface RowHandler {
    void accept(DelimitedReader.Row row) throws InvalidRecordException, IOException;
  }

  /** Where rows are counted and rejects go. */
  private interface RowSink {
    RowSink NONE = new RowSink() {
      @Override
      public void read() {
      }

      @Override
      public void reject(String source, DelimitedReader.Row row, RejectReason reason, String field, String message) {
      }
    };

    void read();

    void reject(String source, DelimitedReader.Row row, RejectReason reason, String field, String message)
        throws IOException;
  }

  /** The state of one import. */
  private final class Importing {
    private final Dataset dataset;
    private final String idPrefix;
    private final ImportReport report;
    private final StagedOutputs out;
    private final Map<String, Object> source;
    private final EventRules.Window times = EventRules.from(conf).at(clock.millis());
    private final Set<String> users = new HashSet<>();
    private final Set<String> products = new HashSet<>();
    private long latest = Long.MIN_VALUE;
    private final RowSink eventRows;
    private final RowSink itemRows;

    Importing(Dataset dataset, String md5, ImportReport report, StagedOutputs out, Map<String, Object> source) {
      this.dataset = dataset;
      this.idPrefix = dataset.id() + ":" + md5.substring(0, 12) + ":";
      this.report = report;
      this.out = out;
      this.source = source;
      this.eventRows = sink(report::rowRead, report::reject);
      this.itemRows = sink(report::itemRowRead, report::itemReject);
    }

    private RowSink sink(Runnable counter, Consumer<RejectReason> rejects) {
      return new RowSink() {
        @Override
        public void read() {
          counter.run();
        }

        @Override
        public void reject(String file, DelimitedReader.Row row, RejectReason reason, String field, String message)
            throws IOException {
          rejects.accept(reason);
          out.reject(Quarantine.record(reason.name(), field, file + ":" + row.line(), message, row.raw()));
        }
      };
    }

    void rees46(Path input) throws IOException {
      List<String> header = Rees46Events.header(input.toString(), headerOf(input, Format.CSV));
      Rees46Events mapper = new Rees46Events(times, header);
      CatalogBuilder catalog = new CatalogBuilder("product");
      rows(input, Format.CSV, header, eventRows, row -> {
        Rees46Events.Row r = mapper.parse(row.values());
        emit(Rees46Events.toEvent(r, eventId(row)));
        Rees46Events.addTo(catalog, r);
      });
      catalog(catalog, source);
    }

    void onlineRetail(Path input) throws IOException {
      OnlineRetailRows mapper = new OnlineRetailRows(times);
      CancelledOrders cancelled = new CancelledOrders();
      CatalogBuilder catalog = new CatalogBuilder("item");
      rows(input, Format.CSV, OnlineRetailRows.HEADER, eventRows, row -> {
        OnlineRetailRows.Line line = mapper.parse(row.values());
        if (line.cancellation()) {
          cancelled.add(line);
          report.cancellation();
          latest = Math.max(latest, line.time());
        } else {
          emit(OnlineRetailRows.toPurchase(line, eventId(row)));
        }
        OnlineRetailRows.addTo(catalog, line);
      });
      List<Order> orders = cancelled.orders();
      for (Order order : orders) {
        out.order(order);
      }
      report.cancelledOrders(orders.size());
      catalog(catalog, source);
    }

    void retailRocket(Path input, List<Path> items) throws IOException {
      RetailRocketEvents mapper = new RetailRocketEvents(times);
      GapSessions sessions = new GapSessions(dataset.id(), settings.sessionGap().toMillis());
      rows(input, Format.CSV, RetailRocketEvents.HEADER, RowSink.NONE, row -> {
        RetailRocketEvents.Row r = mapper.parse(row.values());
        sessions.add(r.visitorId(), r.time());
      });
      sessions.seal();
      report.sessions(sessions.sessions());
      CatalogBuilder catalog = items.isEmpty() ? null : new CatalogBuilder("item");
      rows(input, Format.CSV, RetailRocketEvents.HEADER, eventRows, row -> {
        RetailRocketEvents.Row r = mapper.parse(row.values());
        emit(RetailRocketEvents.toEvent(r, eventId(row), sessions.sessionId(r.visitorId(), r.time())));
        if (catalog != null) {
          catalog.seen(r.itemId(), r.time());
        }
      });
      if (catalog != null) {
        RetailRocketItems properties = new RetailRocketItems(times);
        for (Path file : items) {
          rows(file, Format.CSV, RetailRocketItems.HEADER, itemRows, row -> {
            RetailRocketItems.Property p = properties.parse(row.values());
            report.itemRow(RetailRocketItems.addTo(catalog, p));
            latest = Math.max(latest, p.time());
          });
        }
        catalog(catalog, withItems(items));
      }
    }

    void movieLens(Path input, List<Path> items) throws IOException {
      MovieLensRatings mapper = new MovieLensRatings(times, settings.purchaseRating());
      GapSessions sessions = new GapSessions(dataset.id(), settings.sessionGap().toMillis());
      Format format = formatOf(input);
      rows(input, format, MovieLensRatings.HEADER, RowSink.NONE, row -> {
        MovieLensRatings.Rating r = mapper.parse(row.values());
        sessions.add(r.userId(), r.time());
      });
      sessions.seal();
      report.sessions(sessions.sessions());
      CatalogBuilder catalog = items.isEmpty() ? null : new CatalogBuilder("movie");
      rows(input, format, MovieLensRatings.HEADER, eventRows, row -> {
        MovieLensRatings.Rating r = mapper.parse(row.values());
        emit(mapper.toEvent(r, eventId(row), sessions.sessionId(r.userId(), r.time())));
        if (catalog != null) {
          catalog.rating(r.movieId(), r.time(), r.rating());
        }
      });
      if (catalog != null) {
        Path movies = items.get(0);
        rows(movies, formatOf(movies), MovieLensMovies.HEADER, itemRows, row -> {
          MovieLensMovies.addTo(catalog, MovieLensMovies.parse(row.values()));
          report.itemRow(true);
        });
        catalog(catalog, withItems(items));
      }
    }

    /** The columns of the first line of {@code file}, which must have one. */
    private List<String> headerOf(Path file, Format format) throws IOException {
      try (DelimitedReader reader = new DelimitedReader(new InputStreamReader(open(file), csvCharset),
          format.syntax())) {
        DelimitedReader.Row first = reader.next();
        if (first == null || first.values() == null) {
          throw new IllegalArgumentException("input " + file + (first == null ? " is empty" : " has no header: '"
              + Fields.shorten(first.raw(), 200) + "'"));
        }
        return first.values();
      }
    }

    void sessions(Path input) throws IOException {
      String first;
      try (java.io.BufferedReader reader = new java.io.BufferedReader(new InputStreamReader(open(input),
          csvCharset))) {
        first = reader.readLine();
      }
      if (first == null) {
        throw new IllegalArgumentException("input " + input + " is empty; the layouts accepted are "
            + SessionLogs.ACCEPTED);
      }
      SessionLogs.Shape shape = SessionLogs.detect(input.toString(), first);
      SessionLogs mapper = new SessionLogs(times, shape);
      Set<String> sessions = new HashSet<>();
      rows(input, new Format(shape.syntax(), csvCharset, shape.hasHeader()), shape.header(), eventRows, row -> {
        SessionLogs.Click click = mapper.parse(row.values());
        emit(SessionLogs.toEvent(click, eventId(row)));
        sessions.add(click.session());
      });
      report.sessions(sessions.size());
    }

    private Map<String, Object> withItems(List<Path> items) throws IOException {
      Map<String, Object> catalogSource = new LinkedHashMap<>(source);
      StringBuilder paths = new StringBuilder();
      StringBuilder md5s = new StringBuilder();
      for (Path item : items) {
        FileSystem fs = item.getFileSystem(conf);
        paths.append(paths.length() == 0 ? "" : ",").append(fs.makeQualified(item));
        md5s.append(md5s.length() == 0 ? "" : ",").append(RawVerifier.md5(fs, item));
      }
      catalogSource.put("items", paths.toString());
      catalogSource.put("items_md5", md5s.toString());
      report.items(String.join(",", items.stream().map(Path::getName).toList()));
      return catalogSource;
    }

    /** Writes {@code event} once it meets the event rules every gate applies; else its row is quarantined. */
    private void emit(InteractionEvent event) throws IOException, InvalidRecordException {
      times.check(event);
      out.event(event);
      report.event(event.getEventType());
      users.add(event.getUserId());
      products.add(event.getProductId());
      latest = Math.max(latest, event.getTimestamp());
    }

    private String eventId(DelimitedReader.Row row) {
      return idPrefix + row.line();
    }

    /** Writes the catalog as the snapshot of the day of the latest time the import saw, UTC. */
    private void catalog(CatalogBuilder catalog, Map<String, Object> catalogSource) throws IOException {
      if (catalog.size() == 0) {
        return;
      }
      // the day the data reaches, so a re-import lands on the same snapshot; no time at all: today
      long asOf = latest == Long.MIN_VALUE ? clock.millis() : latest;
      LocalDate date = Instant.ofEpochMilli(asOf).atZone(ZoneOffset.UTC).toLocalDate();
      out.catalog(catalog.products(catalog.earliest(asOf)), date, catalogSource);
      report.catalog(catalog.size(), RawZone.snapshotName(date));
    }

    /** Reads every row of {@code file} after checking its header; rejects go to {@code sink}. */
    private void rows(Path file, Format format, List<String> header, RowSink sink, RowHandler handler)
        throws IOException {
      Charset charset = format.equals(Format.CSV) ? csvCharset : format.charset();
      try {
        readRows(file, format, charset, header, sink, handler);
      } catch (CharacterCodingException e) {
        long line = firstUndecodableLine(file, charset);
        throw new IllegalArgumentException("input " + file + " is not valid " + charset.name() + " at line " + line
            + (charset.equals(StandardCharsets.UTF_8) ? "; if it is a Latin-1 export, import it with --encoding "
            + "latin-1" : "") + " (nothing was imported)");
      }
    }

    private void readRows(Path file, Format format, Charset charset, List<String> header, RowSink sink,
                          RowHandler handler) throws IOException {
      try (DelimitedReader reader = new DelimitedReader(new InputStreamReader(open(file),
          charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)), format.syntax())) {
        if (format.header()) {
          checkHeader(file, reader.next(), header);
        }
        for (DelimitedReader.Row row = reader.next(); row != null; row = reader.next()) {
          sink.read();
          if (row.values() == null) {
            sink.reject(file.getName(), row, RejectReason.WRONG_COLUMN_COUNT, null, row.error());
            continue;
          }
          try {
            handler.accept(row);
          } catch (InvalidRecordException e) {
            sink.reject(file.getName(), row, e.reason(), e.field(), e.getMessage());
          }
        }
      }
    }

    private void checkHeader(Path file, DelimitedReader.Row first, List<String> header) {
      if (first == null) {
        throw new IllegalArgumentException("input " + file + " is empty; expected the header "
            + String.join(",", header));
      }
      List<String> found = first.values() == null ? List.of(first.raw())
          : first.values().stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
      List<String> expected = header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
      if (!found.equals(expected)) {
        throw new IllegalArgumentException("input " + file + " is not a " + dataset.id() + " file: its header is '"
            + Fields.shorten(first.raw(), 200) + "', expected '" + String.join(",", header) + "'"
            + (first.raw().contains("::") ? " (a '::' file must be named *.dat)"
            : first.raw().contains("\t") ? " (a tab-separated file without a header must be named *.tsv or *.data)"
            : ""));
      }
    }
  }

  private InputStream open(Path file) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
    return codec == null ? fs.open(file) : codec.createInputStream(fs.open(file));
  }

  /** The 1-based line of {@code file} whose bytes are not valid {@code charset}, found line by line. */
  private long firstUndecodableLine(Path file, Charset charset) throws IOException {
    try (InputStream in = new java.io.BufferedInputStream(open(file), 1 << 16)) {
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
      long number = 1;
      for (int b = in.read(); ; b = in.read()) {
        if (b == '\n' || b < 0) {
          try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.toByteArray()));
          } catch (CharacterCodingException e) {
            return number;
          }
          if (b < 0) {
            return number;
          }
          line.reset();
          number++;
        } else {
          line.write(b);
        }
      }
    }
  }

  /**
   * By name, compression suffix aside: {@code .dat} files are ML-1M's {@code ::} format, {@code .tsv} and
   * {@code .data} (ML-100K's {@code u.data}) tab-separated without a header; everything else is CSV with one.
   */
  private Format formatOf(Path file) {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
    String name = (codec == null ? file.getName()
        : CompressionCodecFactory.removeSuffix(file.getName(), codec.getDefaultExtension())).toLowerCase(Locale.ROOT);
    return name.endsWith(".dat") ? Format.DAT : name.endsWith(".tsv") || name.endsWith(".data") ? Format.TSV
        : Format.CSV;
  }
}
