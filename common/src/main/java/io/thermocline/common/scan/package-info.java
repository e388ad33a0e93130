/**
 * The scan contract between tiers and the engine: requests, cursors, aggregate specifications and
 * mergeable aggregate results. Defines no tier; each tier implements {@link
 * io.thermocline.common.scan.TierScan}.
 */
package io.thermocline.common.scan;
