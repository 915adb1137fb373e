/** Reads raw clickstream partitions, quarantines bad lines and aggregates events per user and item. */
package io.reco.jobs.interactions;
