package io.thermocline.engine.backup;

import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.system.SystemCatalog;
import io.thermocline.engine.system.SystemProcedure;
import io.thermocline.engine.system.SystemView;
import io.thermocline.recovery.backup.BackupCatalog;
import io.thermocline.recovery.backup.BackupManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CALL SYS.BACKUP(target, label)} (a full backup; a NULL target is the default one; what
 * {@code BACKUP DATA USING FILE ('label')} becomes) and the view {@code SYS.BACKUPS} (the backups
 * in the default target). Both are stateless over {@link Backups}; thread-safe as it is.
 */
final class BackupSystemObjects {
  static final Schema BACKUPS_SCHEMA =
      Schema.of(
          Column.notNull("ID", DataType.varchar(256)),
          Column.notNull("KIND", DataType.varchar(8)),
          Column.nullable("LABEL", DataType.varchar(256)),
          Column.nullable("COMMIT_ID", DataType.BIGINT),
          Column.nullable("TIME", DataType.TIMESTAMP),
          Column.notNull("SIZE", DataType.BIGINT),
          Column.notNull("STATUS", DataType.varchar(16)));

  private final SystemView view;
  private final SystemProcedure procedure;

  BackupSystemObjects(Backups backups) {
    this.view =
        new SystemView() {
          @Override
          public String name() {
            return "BACKUPS";
          }

          @Override
          public Schema schema() {
            return BACKUPS_SCHEMA;
          }

          @Override
          public List<Object[]> rows() {
            List<Object[]> out = new ArrayList<>();
            for (BackupCatalog.Entry e : backups.list(null)) {
              out.add(row(e));
            }
            return out;
          }
        };
    this.procedure =
        new SystemProcedure() {
          @Override
          public String name() {
            return "BACKUP";
          }

          @Override
          public List<Column> parameters() {
            return List.of(
                Column.nullable("TARGET", DataType.varchar(4096)),
                Column.nullable("LABEL", DataType.varchar(256)));
          }

          @Override
          public Schema resultSchema() {
            return BACKUPS_SCHEMA;
          }

          @Override
          public List<Object[]> call(List<Object> arguments) {
            String target = arguments.isEmpty() ? null : (String) arguments.get(0);
            String label = arguments.size() < 2 ? "" : (String) arguments.get(1);
            BackupManifest m = backups.create(target, label, null);
            return List.<Object[]>of(
                new Object[] {
                  m.id(),
                  m.kind().name(),
                  m.label(),
                  m.commitId(),
                  m.createdMicros(),
                  m.ownBytes(),
                  "COMPLETE"
                });
          }
        };
  }

  private static Object[] row(BackupCatalog.Entry e) {
    return new Object[] {
      e.id(),
      e.kind().name(),
      e.label(),
      e.commitId() < 0 ? null : e.commitId(),
      e.createdMicros() == 0 ? null : e.createdMicros(),
      e.sizeBytes(),
      e.status().name()
    };
  }

  void register(SystemCatalog system) {
    system.register(view);
    system.register(procedure);
  }

  void unregister(SystemCatalog system) {
    system.unregister(view);
    system.unregister(procedure);
  }
}
