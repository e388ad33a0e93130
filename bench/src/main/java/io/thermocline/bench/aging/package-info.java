/**
 * The aging bench (issue 8): aging throughput over a devops table while a reporting query loops,
 * and that query's latency with and without aging. It must not reach into the aging service's
 * internals: it runs aging the way a user does, through AgingService.runNow.
 */
package io.thermocline.bench.aging;
