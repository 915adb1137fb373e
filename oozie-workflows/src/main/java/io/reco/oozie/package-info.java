/** The commands that put the Oozie application on HDFS and drive its jobs on an Oozie server. */
package io.reco.oozie;
