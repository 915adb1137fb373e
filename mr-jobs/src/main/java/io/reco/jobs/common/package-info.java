/** Pieces every job uses: raw partition selection, argument parsing, LocalJobRunner settings, HFile loading. */
package io.reco.jobs.common;
