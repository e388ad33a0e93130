/**
 * The SYS schema in SQL (every system view registered on the database, listed afresh on each query)
 * and CALL SYS.x(...) / BACKUP DATA, run through the database's system procedures. It must not
 * cache the list of views nor implement any view or procedure itself.
 */
package io.thermocline.sql.system;
