package io.reco.ingest.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} arguments a job takes after Hadoop's generic options; every error names the argument.
 */
public final class Args {
  private final String job;
  private final Map<String, String> values = new HashMap<>();

  private Args(String job) {
    this.job = job;
  }

  /** Parses {@code args}, accepting only the names in {@code allowed}. */
  public static Args parse(String job, String[] args, Set<String> allowed) {
    Args parsed = new Args(job);
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--") || !allowed.contains(name.substring(2))) {
        throw new IllegalArgumentException(job + ": unknown argument '" + name + "'; expected "
            + allowed.stream().sorted().map(a -> "--" + a).toList());
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(job + ": " + name + " needs a value");
      }
      parsed.values.put(name.substring(2), args[++i]);
    }
    return parsed;
  }

  /** A required argument. */
  public String required(String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(job + ": --" + name + " is required");
    }
    return value;
  }

  /** An optional argument. */
  public String optional(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** An optional whole number. */
  public int integer(String name, int fallback) {
    return (int) longValue(name, fallback);
  }

  /** An optional long number. */
  public long longValue(String name, long fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(job + ": --" + name + " must be a whole number, was '" + value + "'");
    }
  }

  /** An optional {@code true} or {@code false}. */
  public boolean bool(String name, boolean fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(job + ": --" + name + " must be true or false, was '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  /** A required date, {@code YYYY-MM-DD}. */
  public LocalDate date(String name) {
    String value = required(name);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(job + ": --" + name + " must be a date YYYY-MM-DD, was '" + value + "'");
    }
  }

  /** The allowed names as a set, for {@link #parse}. */
  public static Set<String> names(String... names) {
    return Set.copyOf(List.of(names));
  }
}
