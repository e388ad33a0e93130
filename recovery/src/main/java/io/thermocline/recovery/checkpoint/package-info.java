/**
 * The checkpoint file container: named, individually checksummed sections in one file with a header
 * and a whole-file footer, replaced atomically. Must not know what the sections hold (the engine
 * puts hot partitions in them) nor touch files except through the FileIO facade.
 */
package io.thermocline.recovery.checkpoint;
