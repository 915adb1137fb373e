/** The HTTP service: answers top-K requests from the HBase tables of the active model. */
package io.reco.serving;
