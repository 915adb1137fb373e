/** An in-process Kafka broker (KRaft) for tests and benchmarks. */
package io.reco.kafka;
