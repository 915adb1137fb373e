/** Bronze to silver as one run: the validation jobs in order, the profiles they write, the report judged from them. */
package io.reco.jobs.quality;
