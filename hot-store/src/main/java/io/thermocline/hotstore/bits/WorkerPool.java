package io.thermocline.hotstore.bits;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the parts of one operation (an aggregate split by row ranges, a merge split by columns) in
 * parallel: the caller runs the first part itself, the others go to shared daemon threads that are
 * created on demand and die after a minute idle, so an idle hot tier holds no threads and there is
 * nothing to shut down. The common ForkJoin pool is avoided because on a 2-core machine it has one
 * worker and is shared with unrelated code.
 */
public final class WorkerPool {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "thermo-hot-worker-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private WorkerPool() {}

  /** Runs all tasks, the first on the calling thread; returns results in task order. */
  public static <T> List<T> runAll(List<Callable<T>> tasks) {
    List<T> results = new ArrayList<>(tasks.size());
    if (tasks.size() == 1) {
      results.add(call(tasks.get(0)));
      return results;
    }
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 1; i < tasks.size(); i++) {
      futures.add(POOL.submit(tasks.get(i)));
    }
    T first;
    try {
      first = call(tasks.get(0));
    } catch (RuntimeException | Error e) {
      futures.forEach(f -> f.cancel(true));
      throw e;
    }
    results.add(first);
    for (Future<T> f : futures) {
      try {
        results.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new ThermoException(ErrorCode.INTERNAL, "interrupted while waiting for workers", e);
      } catch (ExecutionException e) {
        futures.forEach(x -> x.cancel(true));
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new ThermoException(ErrorCode.INTERNAL, "worker failed: " + cause, cause);
      }
    }
    return results;
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ThermoException(ErrorCode.INTERNAL, "task failed: " + e, e);
    }
  }
}
