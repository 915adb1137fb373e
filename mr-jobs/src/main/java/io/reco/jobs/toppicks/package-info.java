/** Active users' top picks, precomputed with the servlet's ranking over the lists of the run. */
package io.reco.jobs.toppicks;
