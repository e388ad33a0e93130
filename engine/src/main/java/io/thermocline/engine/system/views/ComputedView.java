package io.thermocline.engine.system.views;

import io.thermocline.common.schema.Schema;
import io.thermocline.engine.system.SystemView;
import java.util.List;
import java.util.function.Supplier;

/**
 * A system view whose rows a function computes on every read. Immutable; thread-safe as far as the
 * function is.
 */
record ComputedView(String name, Schema schema, Supplier<List<Object[]>> source)
    implements SystemView {
  @Override
  public List<Object[]> rows() {
    return source.get();
  }
}
