/** Fixtures shared by the test suites: one HBase per test JVM. */
package io.reco.testing;
