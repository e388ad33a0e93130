/**
 * The shared vocabulary of all modules: types, schemas, columnar batches, push-down expressions,
 * the scan contract, errors, config and the file I/O facade. Depends on no other module.
 */
package io.thermocline.common;
