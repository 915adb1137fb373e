/** A standalone HBase started inside the JVM, for the embedded demo, single-machine use and tests. */
package io.reco.hbase;
