/**
 * A runnable demonstration of the hot store (the README's main job until the server exists). Uses
 * only the public hot-store API; holds no store logic.
 */
package io.thermocline.hotstore.demo;
