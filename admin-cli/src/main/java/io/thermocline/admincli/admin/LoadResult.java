package io.thermocline.admincli.admin;

/**
 * A committed load: rows inserted from one file into one table, and how long it took. Immutable.
 */
public record LoadResult(String table, String file, long rows, long commitId, long millis) {}
