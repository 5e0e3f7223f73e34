import type { Db } from 'mongodb';
import { createCredentialStore } from '../../domain/credentials';
import { createAlertActivities } from './alert-activities';
import { createDomainActivities } from './domain-activities';
import { createEntityActivities } from './entity-activities';
import { createEntityWatchActivities } from './entity-watch-activities';
import { createHttpRequestActivities } from './http-request-activity';
import { createHumanTaskActivities } from './human-task-activities';
import { createMailer } from './mailer';
import { createNotifyActivities } from './notify-activities';
import { createReportActivities } from './report-activities';
import { createRunFailureActivities } from './run-failure-activities';
import { createRunStatsActivities } from './run-stats-activities';
import { parseAllowlist, type Allowlist } from './ssrf-guard';
import { createSystemActivities } from './system-activities';
import { createWorkflowActivities } from './workflow-activities';

export interface ActivityDeps {
  db: Db;
  /** Hosts and CIDRs `http.request` may reach although internal (env `HTTP_REQUEST_ALLOWLIST`). */
  httpAllowlist?: Allowlist;
  /** SMTP server for `notify.email` (env `SMTP_URL`); unset delivers to the `mailbox` collection. */
  smtpUrl?: string;
  /** Sender address (env `SMTP_FROM`). */
  mailFrom?: string;
  /**
   * The key credentials are sealed with (SECRETS_KEY), or a function that reads it when a node
   * first needs it; without it `credentialId` cannot be used.
   */
  secretsKey?: Buffer | (() => Buffer);
}

/** Every activity the worker registers, built from its dependencies at worker start. */
export function createActivities(deps: ActivityDeps) {
  const mailer = createMailer({
    db: deps.db,
    ...(deps.smtpUrl === undefined ? {} : { smtpUrl: deps.smtpUrl }),
    ...(deps.mailFrom === undefined ? {} : { from: deps.mailFrom }),
  });
  return {
    ...createSystemActivities(deps),
    ...createEntityActivities(deps),
    ...createEntityWatchActivities(deps),
    ...createDomainActivities(deps),
    ...createHttpRequestActivities({
      allowlist: deps.httpAllowlist ?? parseAllowlist(undefined),
      ...(deps.secretsKey === undefined
        ? {}
        : { credentials: createCredentialStore(deps.db, deps.secretsKey) }),
    }),
    ...createNotifyActivities({ mailer }),
    ...createReportActivities({ db: deps.db, mailer }),
    ...createHumanTaskActivities({ db: deps.db, mailer }),
    ...createWorkflowActivities(deps),
    ...createRunFailureActivities(deps),
    ...createRunStatsActivities(deps),
    ...createAlertActivities({ db: deps.db, mailer }),
  };
}
