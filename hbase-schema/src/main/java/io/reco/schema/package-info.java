/**
 * What is HBase's in the contract between the batch jobs, the servlet, the tests and the admin tool: tables, column
 * families, qualifiers, the row-key layout, the scored lists stored in cells and the model registry.
 */
package io.reco.schema;
