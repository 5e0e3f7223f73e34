import type { Db } from 'mongodb';
import type { Logger } from '../platform/logger';
import { createEntityRepository } from '../domain/entities';
import { ensureAdmin, type UserStore } from '../domain/users';
import { seedDemoCompany } from './seed/seed';

/**
 * First-start work that needs the store: indexes, the admin account (a generated password is
 * printed once) and, when the store is empty and `seedDemo` is on, the demo company. Retried
 * until the store answers, so the API can start (and report 503 on health) before it does.
 */
export async function prepareStore(deps: {
  db: Db;
  users: UserStore;
  indexes: Array<() => Promise<void>>;
  admin: { email: string; password: string | undefined };
  seedDemo: boolean;
  log: Logger;
}): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.users.ensureIndexes();
      for (const ensure of deps.indexes) await ensure();
      const admin = await ensureAdmin(deps.users, deps.admin);
      if (admin.created && admin.generatedPassword) {
        // Logged once, on the start that created the account; never stored in clear. The
        // `npm start` console shows a line with `adminPassword` as a framed block of its own.
        deps.log.warn(
          { email: admin.email, adminPassword: admin.generatedPassword },
          `Admin account created. Password (shown once): ${admin.generatedPassword}`,
        );
      } else if (admin.created) {
        deps.log.info({ email: admin.email }, 'Admin account created from ADMIN_EMAIL and ADMIN_PASSWORD');
      }
      if (deps.seedDemo) {
        const seeded = await seedDemoCompany(createEntityRepository(deps.db));
        if (seeded.seeded)
          deps.log.info({ counts: seeded.counts }, 'Demo company seeded into the empty store');
      }
      return;
    } catch (error) {
      deps.log.warn({ err: error, attempt }, 'store not ready; retrying first-start preparation');
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * attempt, 10_000)));
    }
  }
}
