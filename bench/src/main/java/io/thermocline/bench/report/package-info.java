/** Printing bench results with peers side by side and ratios. No measurement logic here. */
package io.thermocline.bench.report;
