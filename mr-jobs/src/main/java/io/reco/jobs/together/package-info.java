/** Frequently bought together: items bought in the same basket more often than chance, by log-likelihood. */
package io.reco.jobs.together;
