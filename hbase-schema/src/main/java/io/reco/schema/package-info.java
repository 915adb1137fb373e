/**
 * The one contract between the batch jobs, the servlet, the tests and the admin tool: HBase tables, column
 * families, qualifiers, row-key layout, the encoding of stored values and the canonical JSON form of events.
 */
package io.reco.schema;
