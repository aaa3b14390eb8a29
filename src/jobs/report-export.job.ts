import { type AppDeps } from '../runtime/app-deps';
import { type JobData } from '../runtime/job-catalog';
import { JobName } from '../runtime/job-queue';
import { ReportKind, runReportExport } from '../services/report/report-export.service';

/** Writes a requested report's CSV; safe to run twice (a READY export is left alone). */
export function reportExportHandler(deps: AppDeps) {
  return (job: JobData<JobName.REPORT_EXPORT>): Promise<void> =>
    runReportExport(deps, { ...job, kind: ReportKind[job.kind] });
}

export function registerReportExportJob(deps: AppDeps): void {
  // Exports read much: one at a time per worker keeps the jobs pool free for the rest.
  deps.jobs.register(JobName.REPORT_EXPORT, reportExportHandler(deps), { batchSize: 1, concurrency: 1 });
}
