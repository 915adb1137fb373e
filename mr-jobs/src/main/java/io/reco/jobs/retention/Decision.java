package io.reco.jobs.retention;

/**
 * What retention decided for one unit.
 *
 * @param ageDays whole days from the unit's date to the as-of day
 * @param bytes what it holds, counted for every unit past its limit; 0 for those within it (not listed)
 * @param why the version that protects it, or what holds it; null otherwise
 */
public record Decision(RetentionUnit unit, Verdict verdict, long ageDays, long bytes, String why) {
}
