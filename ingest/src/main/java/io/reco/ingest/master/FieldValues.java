package io.reco.ingest.master;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed values of one export row, whose fields are JSON values (CSV cells arrive as strings). Blank strings and JSON
 * nulls count as absent. Every failure is an {@link InvalidRecordException} naming the field.
 *
 * <p>Timestamps are UTC epoch milliseconds (digits only) or ISO-8601: an instant or date-time with offset
 * ({@code 2024-03-01T10:15:00Z}, {@code 2024-03-01T12:15:00+02:00}, also {@code +0200} or {@code +02}), a local
 * date-time taken as UTC ({@code 2024-03-01T10:15:00}, also with a space for the {@code T}) or a date, taken as
 * midnight UTC
 * ({@code 2024-03-01}). Values before 1990 or from 2100 on are rejected as implausible: they are usually epoch
 * seconds or a broken default.
 */
final class FieldValues {
  /** The earliest plausible timestamp. */
  static final long MIN_TIME = Instant.parse("1990-01-01T00:00:00Z").toEpochMilli();
  /** The first implausibly late timestamp. */
  static final long MAX_TIME = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
  /** A UTC offset at the end of a date-time: {@code +02:00}, {@code -0500}, {@code +02}. */
  private static final Pattern OFFSET = Pattern.compile("(?<=\\d)([+-]\\d\\d):?(\\d\\d)?$");

  private FieldValues() {
  }

  /** The trimmed text of a scalar field, or null when absent or blank. */
  static String text(JsonNode row, String field) throws InvalidRecordException {
    JsonNode value = row.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw InvalidRecordException.wrongType(field, "a single value", value);
    }
    String text = value.asText().trim();
    return text.isEmpty() ? null : text;
  }

  /** The trimmed text of a field that must be present. */
  static String required(JsonNode row, String field) throws InvalidRecordException {
    String text = text(row, field);
    if (text == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, field, "required field '" + field
          + "' missing or empty");
    }
    return text;
  }

  /** A required id: present and free of control characters. */
  static String id(JsonNode row, String field) throws InvalidRecordException {
    String id = required(row, field);
    if (id.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRecordException(RejectReason.INVALID_ID, field,
          "field '" + field + "' holds control characters (tab, newline...)");
    }
    return id;
  }

  /** A required amount: a plain decimal number, not negative. */
  static double amount(JsonNode row, String field) throws InvalidRecordException {
    BigDecimal value = decimal(field, required(row, field));
    if (value.signum() < 0) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, field,
          "field '" + field + "' must not be negative, was " + value.toPlainString());
    }
    return finite(field, value);
  }

  /** An optional number, or null. */
  static Double number(JsonNode row, String field) throws InvalidRecordException {
    String text = text(row, field);
    return text == null ? null : finite(field, decimal(field, text));
  }

  private static double finite(String field, BigDecimal value) throws InvalidRecordException {
    double d = value.doubleValue();
    if (Double.isInfinite(d)) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, field,
          "field '" + field + "' is out of range, was " + value);
    }
    return d;
  }

  /** An optional count, {@code fallback} when absent. */
  static int count(JsonNode row, String field, int fallback) throws InvalidRecordException {
    String text = text(row, field);
    if (text == null) {
      return fallback;
    }
    BigDecimal value = decimal(field, text);
    try {
      int count = value.intValueExact();
      if (count < 0) {
        throw new InvalidRecordException(RejectReason.INVALID_VALUE, field,
            "field '" + field + "' must not be negative, was " + count);
      }
      return count;
    } catch (ArithmeticException e) {
      throw new InvalidRecordException(RejectReason.WRONG_TYPE, field,
          "field '" + field + "' must be a whole number, was '" + text + "'");
    }
  }

  /** An optional yes/no flag ({@code true/false, yes/no, y/n, 1/0}, any case), {@code fallback} when absent. */
  static boolean flag(JsonNode row, String field, boolean fallback) throws InvalidRecordException {
    String text = text(row, field);
    if (text == null) {
      return fallback;
    }
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1":
        return true;
      case "false", "no", "n", "0":
        return false;
      default:
        throw new InvalidRecordException(RejectReason.WRONG_TYPE, field,
            "field '" + field + "' must be true or false, was '" + text + "'");
    }
  }

  /** A required timestamp, UTC epoch milliseconds. */
  static long requiredTime(JsonNode row, String field) throws InvalidRecordException {
    return parseTime(field, required(row, field));
  }

  /** An optional timestamp, or null. */
  static Long time(JsonNode row, String field) throws InvalidRecordException {
    String text = text(row, field);
    return text == null ? null : parseTime(field, text);
  }

  /** Parses a timestamp in one of the accepted forms into UTC epoch milliseconds. */
  static long parseTime(String field, String text) throws InvalidRecordException {
    long millis;
    try {
      millis = parseMillis(text);
    } catch (DateTimeException | NumberFormatException e) {
      throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, field, "field '" + field + "' value '" + text
          + "' is neither ISO-8601 (2024-03-01T10:15:00Z, 2024-03-01) nor epoch milliseconds");
    }
    if (millis < MIN_TIME || millis >= MAX_TIME) {
      throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, field, "field '" + field + "' value '" + text
          + "' is " + Instant.ofEpochMilli(millis) + ", outside 1990..2099 (epoch seconds instead of milliseconds?)");
    }
    return millis;
  }

  private static long parseMillis(String text) {
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Long.parseLong(text);
    }
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11)
        : text;
    if (iso.length() == 10) {
      return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    if (iso.endsWith("Z") || iso.endsWith("z")) {
      return OffsetDateTime.parse(iso.toUpperCase(Locale.ROOT)).toInstant().toEpochMilli();
    }
    Matcher offset = OFFSET.matcher(iso);
    if (offset.find()) {
      String hhmm = offset.group(1) + ":" + (offset.group(2) == null ? "00" : offset.group(2));
      return OffsetDateTime.parse(iso.substring(0, offset.start()) + hhmm).toInstant().toEpochMilli();
    }
    return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** An optional object of scalar values, as a sorted map of strings; empty when absent. */
  static Map<String, String> stringMap(JsonNode row, String field) throws InvalidRecordException {
    JsonNode value = row.get(field);
    Map<String, String> out = new TreeMap<>();
    if (value == null || value.isNull() || value.isTextual() && value.textValue().isBlank()) {
      return out;
    }
    if (!value.isObject()) {
      throw InvalidRecordException.wrongType(field, "an object of strings", value);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (!entry.getValue().isNull()) {
        if (!entry.getValue().isValueNode()) {
          throw InvalidRecordException.wrongType(field + "." + entry.getKey(), "a single value", entry.getValue());
        }
        out.put(entry.getKey(), entry.getValue().asText());
      }
    }
    return out;
  }

  private static BigDecimal decimal(String field, String text) throws InvalidRecordException {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new InvalidRecordException(RejectReason.WRONG_TYPE, field,
          "field '" + field + "' must be a number like 12.50, was '" + text + "'");
    }
  }
}
