package io.reco.jobs.quality;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.quality.RejectExample;
import io.reco.quality.SourceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a task saw of one source, in a size that does not grow with the data: records read, missing values per
 * field, rejects by reason and field with a few examples, bucketed distributions and records by date. Each task
 * writes its own as one JSON line; the run merges them and the report judges them as a {@link SourceProfile}. No
 * Hadoop types, so it is tested directly.
 */
public final class RecordProfile implements SourceProfile {
  /** Examples kept per reject reason. */
  public static final int EXAMPLES = 3;
  /** Characters of a record kept in an example. */
  public static final int EXAMPLE_CHARS = 300;
  private static final ObjectMapper JSON = new ObjectMapper()
      .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

  private long records;
  private long minTime = Long.MAX_VALUE;
  private long maxTime = Long.MIN_VALUE;
  private final TreeMap<String, Long> nulls = new TreeMap<>();
  private final TreeMap<String, TreeMap<String, Long>> rejects = new TreeMap<>();
  private final TreeMap<String, List<RejectExample>> examples = new TreeMap<>();
  private final TreeMap<String, TreeMap<String, Long>> distributions = new TreeMap<>();
  private final TreeMap<String, Long> days = new TreeMap<>();

  /** Counts one record read, good or bad. */
  public void read() {
    records++;
  }

  /** Counts a record without a value for {@code field}. */
  public void missing(String field) {
    missing(field, 1);
  }

  /** Counts a rejected record; a missing required field also counts as that field's null. */
  public void reject(String reason, String field, String position, String message, String record) {
    rejects.computeIfAbsent(reason, r -> new TreeMap<>()).merge(field == null ? "-" : field, 1L, Long::sum);
    if ("MISSING_FIELD".equals(reason) && field != null) {
      missing(field);
    }
    List<RejectExample> kept = examples.computeIfAbsent(reason, r -> new ArrayList<>());
    if (kept.size() < EXAMPLES) {
      kept.add(example(field, position, message, record));
    }
  }

  /** An example of a rejected record, cut to {@link #EXAMPLE_CHARS}. */
  public static RejectExample example(String field, String position, String message, String record) {
    return new RejectExample(field, position, message,
        record.length() > EXAMPLE_CHARS ? record.substring(0, EXAMPLE_CHARS) + "..." : record);
  }

  /** Counts {@code n} records without a value for {@code field}. */
  public void missing(String field, long n) {
    if (n > 0) {
      nulls.merge(field, n, Long::sum);
    }
  }

  /** Counts {@code n} good records into bucket {@code bucket} of distribution {@code name}. */
  public void count(String name, String bucket, long n) {
    if (n > 0) {
      distributions.computeIfAbsent(name, k -> new TreeMap<>()).merge(bucket, n, Long::sum);
    }
  }

  /** Counts {@code n} good records of the UTC date {@code date}. */
  public void day(String date, long n) {
    if (n > 0) {
      days.merge(date, n, Long::sum);
    }
  }

  /** Widens the span of good records' times to include {@code min} to {@code max} (epoch ms). */
  public void span(long min, long max) {
    minTime = Math.min(minTime, min);
    maxTime = Math.max(maxTime, max);
  }

  /** Counts a good record into bucket {@code bucket} of distribution {@code name}. */
  public void bucket(String name, String bucket) {
    count(name, bucket, 1);
  }

  /** Counts a good record's time (epoch ms) and its UTC date {@code date}. */
  public void time(long epochMillis, String date) {
    span(epochMillis, epochMillis);
    day(date, 1);
  }

  /** Adds {@code other} into this one. */
  public RecordProfile merge(RecordProfile other) {
    records += other.records;
    minTime = Math.min(minTime, other.minTime);
    maxTime = Math.max(maxTime, other.maxTime);
    other.nulls.forEach((k, v) -> nulls.merge(k, v, Long::sum));
    other.days.forEach((k, v) -> days.merge(k, v, Long::sum));
    other.rejects.forEach((reason, byField) -> byField.forEach((field, n) ->
        rejects.computeIfAbsent(reason, r -> new TreeMap<>()).merge(field, n, Long::sum)));
    other.distributions.forEach((name, buckets) -> buckets.forEach((bucket, n) ->
        distributions.computeIfAbsent(name, r -> new TreeMap<>()).merge(bucket, n, Long::sum)));
    other.examples.forEach((reason, list) -> {
      List<RejectExample> kept = examples.computeIfAbsent(reason, r -> new ArrayList<>());
      list.stream().limit(Math.max(0, EXAMPLES - kept.size())).forEach(kept::add);
    });
    return this;
  }

  /** Records read. */
  @Override
  public long records() {
    return records;
  }

  /** Records without a value, by field. */
  @Override
  public Map<String, Long> nulls() {
    return nulls;
  }

  /** Rejected records by reason, then by field ({@code -} for the record as a whole). */
  @Override
  public Map<String, TreeMap<String, Long>> rejects() {
    return rejects;
  }

  /** Up to {@link #EXAMPLES} rejected records by reason. */
  @Override
  public Map<String, List<RejectExample>> examples() {
    return examples;
  }

  /** Bucket counts of good records, by distribution. */
  @Override
  public Map<String, TreeMap<String, Long>> distributions() {
    return distributions;
  }

  /** Good records by UTC date. */
  @Override
  public Map<String, Long> days() {
    return days;
  }

  /** The earliest good record's time, epoch ms; {@code Long.MAX_VALUE} for none. */
  public long minTime() {
    return minTime;
  }

  /** The latest good record's time, epoch ms; {@code Long.MIN_VALUE} for none. */
  @Override
  public long maxTime() {
    return maxTime;
  }

  /** One line of JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a profile does not serialise", e);
    }
  }

  /** Reads what {@link #toJson()} wrote. */
  public static RecordProfile fromJson(String line) {
    try {
      return JSON.readValue(line, RecordProfile.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a profile line: " + e.getOriginalMessage(), e);
    }
  }
}
