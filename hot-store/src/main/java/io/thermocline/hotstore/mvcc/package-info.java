/**
 * Row versions of the main: create commit ids frame-of-reference bit-packed (collapsed to 0 once no
 * live snapshot can tell them apart) and end commit ids allocated lazily per chunk, plus the
 * visibility masks derived from them. Must not decide which snapshots are live; callers say so.
 */
package io.thermocline.hotstore.mvcc;
