package io.reco.ingest.master;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the rows of one master-data export, CSV with a header or JSON lines, told apart by the file's extension.
 * Blank lines are skipped; a UTF-8 byte-order mark is ignored. A CSV header must name every required column of the
 * entity and no unknown one (names are trimmed and compared case-insensitively); a header that does not is an error
 * for the whole file, as is CSV that cannot be parsed at all (an unterminated quote). A row that is not a JSON object
 * or has the wrong number of columns is returned with its {@link ExportRow#error()}. Rows of entities with personal
 * data carry their text with e-mail addresses masked. Text that is not UTF-8 fails the whole file when {@code in}
 * reports malformed input (a decoder with {@link java.nio.charset.CodingErrorAction#REPORT}). Not thread-safe.
 */
public final class ExportReader implements Closeable {
  /** The two formats an export may come in. */
  public enum Format {
    /** Comma-separated values with a header line ({@code .csv}). */
    CSV,
    /** One JSON object per line ({@code .jsonl}, {@code .json}). */
    JSON_LINES;

    /** The format of a file named {@code fileName}; the error names the accepted extensions. */
    public static Format of(String fileName) {
      String name = fileName.toLowerCase(Locale.ROOT);
      if (name.endsWith(".csv")) {
        return CSV;
      }
      if (name.endsWith(".jsonl") || name.endsWith(".json")) {
        return JSON_LINES;
      }
      throw new IllegalArgumentException("cannot tell the format of '" + fileName
          + "': expected a name ending in .csv, .jsonl or .json");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final CSVFormat CSV_IN = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).build();
  private static final CSVFormat CSV_LINE = CSVFormat.DEFAULT.builder().setRecordSeparator("").build();

  private final String fileName;
  private final MasterEntity entity;
  private final BufferedReader in;
  private final CSVParser csv;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private long lastLine;

  private ExportReader(String fileName, MasterEntity entity, Format format, BufferedReader in) throws IOException {
    this.fileName = fileName;
    this.entity = entity;
    this.in = in;
    if (format == Format.CSV) {
      csv = CSV_IN.parse(in);
      records = csv.iterator();
      header = readHeader();
    } else {
      csv = null;
      records = null;
      header = null;
    }
  }

  /**
   * Starts reading an export of {@code entity} from {@code in}, in the format {@code fileName}'s extension says;
   * for CSV this reads and checks the header.
   */
  public static ExportReader open(Reader in, String fileName, MasterEntity entity) throws IOException {
    Format format = Format.of(fileName);
    BufferedReader buffered = new BufferedReader(in, 1 << 16);
    buffered.mark(1);
    try {
      if (buffered.read() != '\uFEFF') {
        buffered.reset();
      }
    } catch (CharacterCodingException e) {
      throw new IOException(fileName + ": not UTF-8 text", e);
    }
    return new ExportReader(fileName, entity, format, buffered);
  }

  /** The CSV header as normalised (trimmed, lower case), or null for JSON lines. */
  public List<String> header() {
    return header;
  }

  /** The next row, or null at the end of the export. */
  public ExportRow next() throws IOException {
    return csv != null ? nextCsv() : nextJson();
  }

  private List<String> readHeader() throws IOException {
    List<String> names = new ArrayList<>();
    CSVRecord first;
    do {
      if (!hasNextRecord()) {
        throw new IllegalArgumentException(fileName + ": no header line; expected " + String.join(",",
            entity.columns()));
      }
      first = nextRecord();
    } while (isBlank(first));
    lastLine = csv.getCurrentLineNumber();
    for (String name : first) {
      names.add(name.trim().toLowerCase(Locale.ROOT));
    }
    List<String> missing = entity.columns().stream()
        .filter(c -> entity.required().contains(c) && !names.contains(c)).toList();
    List<String> unknown = names.stream().filter(n -> !entity.columns().contains(n)).toList();
    Set<String> seen = new HashSet<>();
    List<String> repeated = names.stream().filter(n -> !seen.add(n)).toList();
    if (!missing.isEmpty() || !unknown.isEmpty() || !repeated.isEmpty()) {
      String message = fileName + ": header " + names
          + (missing.isEmpty() ? "" : " lacks " + missing)
          + (unknown.isEmpty() ? "" : " has unknown columns " + unknown)
          + (repeated.isEmpty() ? "" : " repeats " + repeated)
          + "; " + entity.id() + " columns are " + String.join(",", entity.columns()) + ", required "
          + entity.columns().stream().filter(entity.required()::contains).toList();
      // a file without a header has a row there, perhaps with an address in it
      throw new IllegalArgumentException(entity.hasPersonalData() ? EmailHasher.mask(message) : message);
    }
    return List.copyOf(names);
  }

  private ExportRow nextCsv() throws IOException {
    CSVRecord record;
    long start;
    do {
      if (!hasNextRecord()) {
        return null;
      }
      record = nextRecord();
      start = lastLine + 1;
      lastLine = csv.getCurrentLineNumber();
    } while (isBlank(record));
    List<String> values = record.toList();
    String location = fileName + ":" + start;
    String text = csvText(values);
    if (values.size() != header.size()) {
      return new ExportRow(location, null, text, new InvalidRecordException(RejectReason.WRONG_COLUMN_COUNT, null,
          values.size() + " columns where the header has " + header.size()));
    }
    ObjectNode fields = JSON.createObjectNode();
    for (int i = 0; i < values.size(); i++) {
      fields.put(header.get(i), values.get(i));
    }
    return new ExportRow(location, fields, text, null);
  }

  private boolean hasNextRecord() throws IOException {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      throw syntaxError(e);
    }
  }

  private CSVRecord nextRecord() throws IOException {
    try {
      return records.next();
    } catch (UncheckedIOException e) {
      throw syntaxError(e);
    }
  }

  private IOException syntaxError(UncheckedIOException e) {
    if (e.getCause() instanceof CharacterCodingException) {
      return notUtf8(e.getCause());
    }
    String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    return new IOException(fileName + ": CSV cannot be parsed after line " + lastLine + ": " + cause, e);
  }

  private IOException notUtf8(Throwable cause) {
    // the reader decodes ahead, so the line it fails on is not the line at fault
    return new IOException(fileName + ": not UTF-8 text", cause);
  }

  private static boolean isBlank(CSVRecord record) {
    return record.size() == 1 && record.get(0).isBlank();
  }

  private String csvText(List<String> values) throws IOException {
    List<String> shown = values;
    if (entity.hasPersonalData()) {
      shown = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        boolean sensitive = i < header.size() && entity.sensitive().contains(header.get(i));
        shown.add(sensitive && !values.get(i).isBlank() ? EmailHasher.MASK : EmailHasher.mask(values.get(i)));
      }
    }
    StringBuilder line = new StringBuilder();
    CSV_LINE.printRecord(line, shown.toArray());
    return line.toString();
  }

  private ExportRow nextJson() throws IOException {
    String line;
    do {
      try {
        line = in.readLine();
      } catch (CharacterCodingException e) {
        throw notUtf8(e);
      }
      if (line == null) {
        return null;
      }
      lastLine++;
    } while (line.isBlank());
    String location = fileName + ":" + lastLine;
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the input, so rows with personal data get the position only.
      String detail = entity.hasPersonalData() ? " at column " + e.getLocation().getColumnNr()
          : ": " + e.getOriginalMessage();
      return new ExportRow(location, null, jsonText(line, null), new InvalidRecordException(
          RejectReason.MALFORMED_JSON, null, "not valid JSON" + detail));
    }
    if (!node.isObject()) {
      return new ExportRow(location, null, jsonText(line, null), new InvalidRecordException(
          RejectReason.MALFORMED_JSON, null, "not a JSON object"));
    }
    return new ExportRow(location, (ObjectNode) node, jsonText(line, (ObjectNode) node), null);
  }

  private String jsonText(String line, ObjectNode node) throws JsonProcessingException {
    if (!entity.hasPersonalData()) {
      return line;
    }
    if (node == null) {
      return EmailHasher.mask(line);
    }
    ObjectNode shown = node.deepCopy();
    for (String field : entity.sensitive()) {
      JsonNode value = shown.get(field);
      if (value != null && !value.isNull()) {
        shown.put(field, EmailHasher.MASK);
      }
    }
    return EmailHasher.mask(JSON.writeValueAsString(shown));
  }

  @Override
  public void close() throws IOException {
    if (csv != null) {
      csv.close();
    }
    in.close();
  }
}
