package io.reco.ingest.importers;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads delimited text one record at a time, keeping what a quarantine needs and a CSV parser forgets: the line the
 * record starts on and its text exactly as delivered. CSV records are parsed with Commons CSV (RFC 4180: quoted
 * fields may hold commas, doubled quotes and line breaks); MovieLens' ML-1M {@code ::} files are split on
 * {@code ::}. Blank lines are records too (of one empty column), so every line of the input is accounted for.
 */
public final class DelimitedReader implements Closeable {
  /** The most lines one quoted CSV record may span before its opening quote is taken for a stray one. */
  public static final int MAX_LINES_PER_RECORD = 32;

  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).build();

  /** How columns are separated. */
  public enum Syntax {
    /** RFC 4180 comma-separated values. */
    CSV,
    /** Columns separated by {@code ::}, no quoting, as in MovieLens ML-1M's {@code .dat} files. */
    DOUBLE_COLON,
    /** Columns separated by tabs, no quoting, as in MovieLens ML-100K's {@code u.data}. */
    TAB,
    /** Columns separated by semicolons, no quoting, as in DIGINETICA's session logs. */
    SEMICOLON
  }

  /**
   * One record.
   *
   * @param line the 1-based line the record starts on
   * @param raw the record's text as delivered, without its final line break
   * @param values the columns, or null when the text is not a well-formed record
   * @param error why the text is not a well-formed record, or null
   */
  public record Row(long line, String raw, List<String> values, String error) {
  }

  private final BufferedReader in;
  private final Syntax syntax;
  private final Deque<String> pushedBack = new ArrayDeque<>();
  private long linesRead;

  /** Reads records from {@code in}; closing this closes it. */
  public DelimitedReader(Reader in, Syntax syntax) {
    this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    this.syntax = syntax;
  }

  /** The next record, or null at the end of the input. */
  public Row next() throws IOException {
    String first = nextLine();
    if (first == null) {
      return null;
    }
    long line = linesRead;
    if (linesRead == 1 && first.startsWith("\uFEFF")) {
      first = first.substring(1);
    }
    if (syntax == Syntax.DOUBLE_COLON) {
      return new Row(line, first, Arrays.asList(first.split("::", -1)), null);
    }
    if (syntax == Syntax.TAB) {
      return new Row(line, first, Arrays.asList(first.split("\t", -1)), null);
    }
    if (syntax == Syntax.SEMICOLON) {
      return new Row(line, first, Arrays.asList(first.split(";", -1)), null);
    }
    if (first.indexOf('"') < 0) {
      return new Row(line, first, Arrays.asList(first.split(",", -1)), null);
    }
    StringBuilder raw = new StringBuilder(first);
    List<String> continuation = new ArrayList<>();
    boolean open = endsInQuotes(first, false);
    while (open && continuation.size() < MAX_LINES_PER_RECORD - 1) {
      String more = nextLine();
      if (more == null) {
        break;
      }
      continuation.add(more);
      raw.append('\n').append(more);
      open = endsInQuotes(more, true);
    }
    if (open) {
      // an opening quote never closed: give back the lines it swallowed, they are records of their own
      for (int i = continuation.size() - 1; i >= 0; i--) {
        pushedBack.push(continuation.get(i));
      }
      linesRead -= continuation.size();
      return new Row(line, first, null, "unterminated quoted field");
    }
    return parse(line, raw.toString());
  }

  private static Row parse(long line, String raw) {
    try (CSVParser parser = CSVParser.parse(raw, CSV)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        return new Row(line, raw, null, "not one CSV record");
      }
      return new Row(line, raw, records.get(0).toList(), null);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return new Row(line, raw, null, "not a well-formed CSV record: " + e.getMessage());
    }
  }

  private String nextLine() throws IOException {
    String line = pushedBack.isEmpty() ? in.readLine() : pushedBack.pop();
    if (line != null) {
      linesRead++;
    }
    return line;
  }

  /**
   * Whether a line ends inside a quoted field, as Commons CSV's lexer reads it: a quote opens a field only at the
   * field's start; inside, a doubled quote is a quote and a single one closes the field. Elsewhere quotes are text.
   */
  static boolean endsInQuotes(String text, boolean startsInQuotes) {
    boolean quoted = startsInQuotes;
    boolean fieldStart = !startsInQuotes;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            i++;
          } else {
            quoted = false;
          }
        }
      } else if (c == '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
      } else {
        fieldStart = c == ',';
      }
    }
    return quoted;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
