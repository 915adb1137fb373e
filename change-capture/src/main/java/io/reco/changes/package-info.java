/**
 * Change data capture: the shop's row-level change events (Debezium envelopes on Kafka) applied to the live item
 * status in HBase ({@code reco:item_status}), which the service's rules read.
 */
package io.reco.changes;
