/** Bronze to silver for transactions: raw order and order-item CSV rows checked and joined into Avro orders. */
package io.reco.jobs.orders;
