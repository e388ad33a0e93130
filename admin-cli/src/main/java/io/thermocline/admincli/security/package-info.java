/**
 * Users of a server: roles, slow salted password hashes, the users file in the data directory. Must
 * not know HTTP, JDBC or the engine.
 */
package io.thermocline.admincli.security;
