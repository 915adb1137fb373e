/**
 * The data contract every module shares: the canonical records (Avro), their JSON codecs, the one set of value
 * rules an event must meet wherever it enters, and the reject reasons of the quarantine.
 */
package io.reco.records;

