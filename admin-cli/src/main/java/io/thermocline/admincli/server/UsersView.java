package io.thermocline.admincli.server;

import io.thermocline.admincli.security.UserAccount.UserInfo;
import io.thermocline.admincli.security.UserStore;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.system.SystemView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SYS.USERS}: the server's users with their roles and creation time (never a hash).
 * Registered while the server runs. Thread-safe (reads the store's published map).
 */
final class UsersView implements SystemView {
  private static final Schema SCHEMA =
      Schema.of(
          Column.notNull("NAME", DataType.varchar(64)),
          Column.notNull("ROLE", DataType.varchar(16)),
          Column.nullable("CREATED", DataType.TIMESTAMP));

  private final UserStore users;

  UsersView(UserStore users) {
    this.users = users;
  }

  @Override
  public String name() {
    return "USERS";
  }

  @Override
  public Schema schema() {
    return SCHEMA;
  }

  @Override
  public List<Object[]> rows() {
    List<Object[]> out = new ArrayList<>();
    for (UserInfo u : users.list()) {
      out.add(
          new Object[] {
            u.name(), u.role().name(), ChronoUnit.MICROS.between(Instant.EPOCH, u.created())
          });
    }
    return out;
  }
}
