package io.reco.jobs.retention;

import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

/**
 * The age limit of every retention class, in days, and the decision for one unit: within its limit it stays;
 * past it, it stays when a servable model names it (protected) or when something holds it (files still being
 * written, the newest snapshot), and goes otherwise. A unit exactly {@code limit} days old stays.
 */
public final class RetentionPolicy {
  /** What a unit holds, counted only for units past their limit. */
  @FunctionalInterface
  public interface Contents {
    /** The unit's bytes and how many of its files are still being written. */
    Size of(RetentionUnit unit) throws IOException;
  }

  /** A unit's bytes and its files still being written. */
  public record Size(long bytes, long open) {
  }

  private final Map<RetentionClass, Integer> days;

  /** A policy of these limits; every class needs one of at least 1 day. */
  public RetentionPolicy(Map<RetentionClass, Integer> days) {
    this.days = new EnumMap<>(RetentionClass.class);
    for (RetentionClass type : RetentionClass.values()) {
      Integer limit = days.get(type);
      if (limit == null || limit < 1) {
        throw new IllegalArgumentException(type.setting() + " must be 1 day or more, was " + limit);
      }
      this.days.put(type, limit);
    }
  }

  /** The limit of {@code type}, days. */
  public int days(RetentionClass type) {
    return days.get(type);
  }

  /** Whole days from the unit's date to {@code asOf}; negative for a date after it. */
  public static long age(RetentionUnit unit, LocalDate asOf) {
    return ChronoUnit.DAYS.between(unit.date(), asOf);
  }

  /** Decides what becomes of {@code unit} on {@code asOf}; asks {@code contents} only when it is past its limit. */
  public Decision decide(RetentionUnit unit, LocalDate asOf, Protection protection, Contents contents)
      throws IOException {
    long age = age(unit, asOf);
    if (age <= days(unit.type())) {
      return new Decision(unit, Verdict.KEPT, age, 0, null);
    }
    Size size = contents.of(unit);
    String protectedBy = protection.namedBy(unit).orElse(null);
    if (protectedBy != null) {
      return new Decision(unit, Verdict.PROTECTED, age, size.bytes(), protectedBy);
    }
    if (unit.hold() != null) {
      return new Decision(unit, Verdict.HELD, age, size.bytes(), unit.hold());
    }
    if (size.open() > 0) {
      return new Decision(unit, Verdict.HELD, age, size.bytes(), size.open() + " file(s) still being written");
    }
    return new Decision(unit, Verdict.DELETED, age, size.bytes(), null);
  }

  /** The limits as listings show them: {@code raw 730 d, features 365 d, ...}. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    days.forEach((type, limit) -> text.append(text.length() == 0 ? "" : ", ").append(type.label()).append(' ')
        .append(limit).append(" d"));
    return text.toString();
  }
}
