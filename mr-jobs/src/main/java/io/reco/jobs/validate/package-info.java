/** Bronze to silver: raw clickstream checked, de-duplicated and written as typed Avro by date. */
package io.reco.jobs.validate;
