/** {@code bin/reco}: the embedded demo and the single-machine commands. */
package io.reco.cli;
