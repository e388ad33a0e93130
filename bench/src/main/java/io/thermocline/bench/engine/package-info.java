/** The engine bench (issue 4): row moves between tiers and queries over split tables. */
package io.thermocline.bench.engine;
