/** Tests of the quality report's renderings over one realistic sample report. */
package io.reco.quality;

