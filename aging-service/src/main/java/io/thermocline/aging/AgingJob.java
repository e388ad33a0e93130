package io.thermocline.aging;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job of one table's policy: a scheduled run. Failures are recorded by the service in
 * the run history, never thrown to Quartz (which would only log them). One instance per firing;
 * Quartz never runs two firings of one job at once.
 */
@DisallowConcurrentExecution
public final class AgingJob implements Job {
  static final String SERVICE = "thermocline.agingService";
  static final String TABLE = "table";

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    AgingService service;
    try {
      service = (AgingService) context.getScheduler().getContext().get(SERVICE);
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
    service.runScheduled(context.getMergedJobDataMap().getString(TABLE));
  }
}
