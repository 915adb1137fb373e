/** Benchmarks of reco's moving parts; each prints its figures beside a ceiling measured in the same run. */
package io.reco.bench;
