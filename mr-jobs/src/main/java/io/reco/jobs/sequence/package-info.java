/** The {@code sequence} indicator: per item, the items users went on to next (sequential rules), top-K. */
package io.reco.jobs.sequence;
