package io.reco.ingest.importers;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the session click logs the public session-based benchmarks publish - session, item, time; no user, no price -
 * to canonical {@code view} events. Three layouts, told apart by the first line:
 * <ul>
 *   <li>YOOCHOOSE (RecSys Challenge 2015) {@code yoochoose-clicks.dat}: {@code session,timestamp,item,category}
 *   without a header, ISO-8601 times;</li>
 *   <li>DIGINETICA (CIKM Cup 2016) {@code train-item-views.csv}: {@code sessionId;userId;itemId;timeframe;eventdate},
 *   the time being the date plus the timeframe in milliseconds;</li>
 *   <li>any delimited file (comma, semicolon or tab) whose header names a session, an item and a time column, such as
 *   the prepared {@code SessionId ItemId Time} files of session-rec and GRU4Rec; times in epoch seconds (decimals
 *   allowed), epoch milliseconds, or ISO-8601.</li>
 * </ul>
 * The visitor is the row's user when the log names one, else the session itself.
 */
public final class SessionLogs {
  /** What the error for an unknown layout says is accepted. */
  public static final String ACCEPTED = "YOOCHOOSE clicks (session,timestamp,item,category without a header), "
      + "DIGINETICA item views (sessionId;userId;itemId;timeframe;eventdate), or a comma-, semicolon- or "
      + "tab-separated file whose header names a session column (session_id, SessionId, session), an item column "
      + "(item_id, ItemId, item, product_id) and a time column (time, timestamp, ts, event_time)";

  private static final Set<String> SESSION = Set.of("sessionid", "session", "usersession");
  private static final Set<String> ITEM = Set.of("itemid", "item", "productid", "product");
  private static final Set<String> TIME = Set.of("time", "timestamp", "ts", "eventtime", "datetime");
  private static final Set<String> USER = Set.of("userid", "user", "visitorid");
  private static final List<String> DIGINETICA = List.of("sessionid", "userid", "itemid", "timeframe", "eventdate");
  private static final List<String> YOOCHOOSE = List.of("session_id", "timestamp", "item_id", "category");
  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[.SSSSSS][.SSS]");
  /** Epoch values below this are seconds, above it milliseconds (10^11 s is the year 5138). */
  private static final double SECONDS_BELOW = 1e11;

  /** The layouts read. */
  public enum Layout {
    /** RecSys Challenge 2015 clicks. */
    YOOCHOOSE,
    /** CIKM Cup 2016 item views. */
    DIGINETICA,
    /** A header naming session, item and time. */
    HEADED
  }

  /**
   * How a file is laid out.
   *
   * @param layout which of the layouts
   * @param syntax how its columns are separated
   * @param header its column names (for a file without one, the layout's)
   * @param hasHeader whether its first line is the header
   * @param session the session column
   * @param item the item column
   * @param time the time column (DIGINETICA: the timeframe)
   * @param user the user column, or null
   */
  public record Shape(Layout layout, DelimitedReader.Syntax syntax, List<String> header, boolean hasHeader,
      String session, String item, String time, String user) {
  }

  /**
   * One click.
   *
   * @param session the session
   * @param visitor the user, or the session when the log names no user
   * @param item the item
   * @param time UTC epoch milliseconds
   */
  public record Click(String session, String visitor, String item, long time) {
  }

  private final EventRules.Window times;
  private final Shape shape;

  /** A mapper of rows of {@code shape}, accepting event times in {@code times}. */
  public SessionLogs(EventRules.Window times, Shape shape) {
    this.times = times;
    this.shape = shape;
  }

  /**
   * The layout of a file whose first line is {@code first}.
   *
   * @throws IllegalArgumentException naming the layouts accepted, when it is none of them
   */
  public static Shape detect(String file, String first) {
    String line = first.startsWith("\uFEFF") ? first.substring(1) : first;
    DelimitedReader.Syntax syntax = line.contains("\t") ? DelimitedReader.Syntax.TAB
        : line.contains(";") ? DelimitedReader.Syntax.SEMICOLON : DelimitedReader.Syntax.CSV;
    String separator = syntax == DelimitedReader.Syntax.TAB ? "\t" : syntax == DelimitedReader.Syntax.SEMICOLON ? ";"
        : ",";
    List<String> columns = Arrays.stream(line.split(separator, -1)).map(String::trim).toList();
    List<String> names = columns.stream().map(SessionLogs::normal).toList();
    if (names.equals(DIGINETICA)) {
      return new Shape(Layout.DIGINETICA, syntax, columns, true, columns.get(0), columns.get(2), columns.get(3),
          columns.get(1));
    }
    if (syntax == DelimitedReader.Syntax.CSV && columns.size() == 4 && isIsoTime(columns.get(1))) {
      return new Shape(Layout.YOOCHOOSE, syntax, YOOCHOOSE, false, "session_id", "item_id", "timestamp", null);
    }
    String session = find(columns, SESSION);
    String item = find(columns, ITEM);
    String time = find(columns, TIME);
    if (session != null && item != null && time != null) {
      return new Shape(Layout.HEADED, syntax, columns, true, session, item, time, find(columns, USER));
    }
    throw new IllegalArgumentException("input " + file + " is not a session log: its first line is '"
        + Fields.shorten(line, 200) + "'; the layouts accepted are " + ACCEPTED);
  }

  private static String normal(String column) {
    return column.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
  }

  private static String find(List<String> columns, Set<String> names) {
    return columns.stream().filter(c -> names.contains(normal(c))).findFirst().orElse(null);
  }

  private static boolean isIsoTime(String value) {
    try {
      Instant.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Validates one row; the exception names the first column at fault. */
  public Click parse(List<String> values) throws InvalidRecordException {
    Fields f = Fields.of(shape.header(), values);
    String session = f.id(shape.session());
    String item = f.id(shape.item());
    String user = shape.user() == null ? null : f.optional(shape.user());
    if (user != null && (user.equalsIgnoreCase("NA") || user.equalsIgnoreCase("null"))) {
      user = null;
    }
    if (user != null) {
      user = f.id(shape.user());
    }
    long time;
    String delivered;
    if (shape.layout() == Layout.DIGINETICA) {
      String dateColumn = shape.header().get(4);
      String date = f.required(dateColumn);
      long frame = f.longValue(shape.time());
      try {
        time = LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + frame;
      } catch (DateTimeParseException e) {
        throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, dateColumn, "field '"
            + dateColumn + "' must be a date like 2016-05-09, was '" + Fields.shorten(date) + "'");
      }
      delivered = date + " + " + frame + " ms";
    } else {
      delivered = f.required(shape.time());
      time = parseTime(shape.time(), delivered);
    }
    times.checkTime(shape.time(), time, delivered);
    return new Click(session, user == null ? session : user, item, time);
  }

  /** Epoch seconds (decimals allowed), epoch milliseconds, or an ISO-8601 or {@code yyyy-MM-dd HH:mm:ss} UTC time. */
  static long parseTime(String field, String value) throws InvalidRecordException {
    if (NUMBER.matcher(value).matches()) {
      double epoch = Double.parseDouble(value);
      return epoch < SECONDS_BELOW ? Math.round(epoch * 1000) : (long) epoch;
    }
    String text = value.endsWith(" UTC") ? value.substring(0, value.length() - 4) : value;
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
          throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, field, "field '" + field + "' must be "
              + "epoch seconds or milliseconds, or a time like 2014-04-07T10:51:09.277Z, was '" + Fields.shorten(value)
              + "'");
        }
      }
    }
  }

  /** The canonical event of a click. */
  public static InteractionEvent toEvent(Click click, String eventId) {
    return InteractionEvent.newBuilder()
        .setEventId(eventId)
        .setUserId(click.visitor())
        .setProductId(click.item())
        .setEventType(EventType.view)
        .setTimestamp(click.time())
        .setSessionId(click.session())
        .build();
  }
}
