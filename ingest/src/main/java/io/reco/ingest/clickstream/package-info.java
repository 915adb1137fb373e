/** The Kafka clickstream consumer that lands events in the raw zone exactly once, partitioned by event time. */
package io.reco.ingest.clickstream;
