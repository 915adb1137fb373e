/** The transactions landing zone: order and order-item CSV files into date partitions of the raw zone. */
package io.reco.ingest.transactions;
