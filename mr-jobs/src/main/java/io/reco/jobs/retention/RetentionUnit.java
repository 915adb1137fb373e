package io.reco.jobs.retention;

import java.time.LocalDate;

/**
 * One thing retention keeps or deletes whole: a {@code dt=} partition, a snapshot, a run's directory or one of its
 * parts.
 *
 * @param location where it is, as listed (a qualified path)
 * @param key its path without scheme and authority, which lineage paths are matched against
 * @param scope the key of what a lineage must name to protect it: the partition itself, or the whole run a part of a
 *     run belongs to
 * @param type its retention class
 * @param date the day its age counts from: the partition's {@code dt=} or snapshot date, the day of a run's time
 * @param run the run directory's name for the parts of a run, else null
 * @param hold why it must stay whatever its age (the newest snapshot, changes not merged yet), else null
 */
public record RetentionUnit(String location, String key, String scope, RetentionClass type, LocalDate date,
    String run, String hold) {
}
