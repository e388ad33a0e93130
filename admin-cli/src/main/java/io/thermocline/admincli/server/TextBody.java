package io.thermocline.admincli.server;

/** A route result sent as it is rather than as JSON (the Prometheus text format). Immutable. */
record TextBody(String contentType, String text) {}
