import { randomUUID } from 'node:crypto';
import { MongoServerError, type Db } from 'mongodb';
import {
  getNodeType,
  validateDefinition,
  type ValidationError,
  type WorkflowDefinition,
} from '../../workflows';
import type { Role } from '../../schemas/vocabulary';
import { plannedWriteRefusals } from '../access/planned-writes';
import { appendAudit } from '../audit/audit-log';
import { unstorableKeys } from './storable-keys';
import {
  versionId,
  workflowsCollection,
  workflowVersionsCollection,
  type PublishedTrigger,
  type WorkflowDocument,
  type WorkflowVersionDocument,
} from './workflow-documents';
import {
  InvalidDefinitionError,
  InvalidDraftError,
  PublishForbiddenError,
  RevisionConflictError,
  WorkflowNotFoundError,
} from './workflow-errors';

/** Who changes a workflow; kept on the documents and in the audit log. */
export interface WorkflowActor {
  userId: string;
}

/** Who publishes: runs of the version act as them, with these roles (README, Security). */
export interface PublishActor extends WorkflowActor {
  roles: readonly Role[];
}

/** A workflow as lists show it: everything but the draft. */
export type WorkflowSummary = Omit<WorkflowDocument, 'draft'>;

/** A version as lists show it: everything but the definition. */
export type VersionSummary = Omit<WorkflowVersionDocument, 'definition'>;

export type WorkflowStore = ReturnType<typeof createWorkflowStore>;

/** Concurrent publishes that lose the race for a version number try the next one, this often. */
const maxPublishAttempts = 20;

function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** Refuses a draft that is not shaped like a definition; meaning checks wait for validate and publish. */
function assertDraftShape(definition: unknown): asserts definition is WorkflowDefinition {
  const { errors } = validateDefinition(definition);
  const shapeErrors = errors.filter((error) => error.code === 'schema');
  if (shapeErrors.length > 0)
    throw new InvalidDraftError('the draft is not a workflow definition', shapeErrors);
  const keyErrors = unstorableKeys(definition as WorkflowDefinition);
  if (keyErrors.length > 0)
    throw new InvalidDraftError('the draft holds field names that cannot be stored', keyErrors);
}

/**
 * A publish-time check beyond the definition's own validation (cron grammar, time zones, webhook
 * schemas), run by validate and publish once the definition is shaped right.
 */
export type PublishCheck = (definition: WorkflowDefinition) => ValidationError[];

/**
 * What publishing (and the editor's validate) applies: the definition's validation, availability of
 * its node types, then `extraChecks` when the definition is shaped right.
 */
export function checkForPublish(
  definition: unknown,
  extraChecks: readonly PublishCheck[] = [],
): { valid: boolean; errors: ValidationError[] } {
  const checked = validateDefinition(definition);
  if (checked.errors.some((error) => error.code === 'schema')) return checked;
  const errors = [
    ...checked.errors,
    ...extraChecks.flatMap((check) => check(definition as WorkflowDefinition)),
  ];
  return { valid: errors.length === 0, errors };
}

function triggersOf(definition: WorkflowDefinition): PublishedTrigger[] {
  return definition.nodes
    .filter((node) => !node.disabled && getNodeType(node.type)?.execution === 'trigger')
    .map((node) => ({ nodeId: node.id, type: node.type, params: node.params }));
}

/**
 * Workflow drafts and their immutable published versions, over the `workflows` and
 * `workflowVersions` collections. Only single-document atomic writes: a version's `_id` is
 * `<workflowId>:<n>`, so two concurrent publishes can never both create version n.
 *
 * @example
 * const store = createWorkflowStore(db);
 * const workflow = await store.create(definition, { userId: 'u1' });
 * const { version } = await store.publish(workflow._id, { userId: 'u1' }); // 1
 */
export function createWorkflowStore(db: Db, options: { now?: () => Date } = {}) {
  const workflows = db.collection<WorkflowDocument>(workflowsCollection);
  const versions = db.collection<WorkflowVersionDocument>(workflowVersionsCollection);
  const now = () => (options.now ?? (() => new Date()))().toISOString();

  async function find(id: string): Promise<WorkflowDocument> {
    const doc = await workflows.findOne({ _id: id, archived: { $ne: true } });
    if (!doc) throw new WorkflowNotFoundError(`workflow ${id} does not exist`);
    return doc;
  }

  async function latestVersion(workflowId: string): Promise<number> {
    const [latest] = await versions
      .find({ workflowId }, { projection: { version: 1 } })
      .sort({ version: -1 })
      .limit(1)
      .toArray();
    return latest?.version ?? 0;
  }

  return {
    async ensureIndexes(): Promise<void> {
      await versions.createIndex({ workflowId: 1, version: -1 });
      await workflows.createIndex({ updatedAt: -1 });
    },

    /** Creates a workflow whose draft is `definition`; its name and description mirror the draft's. */
    async create(definition: unknown, actor: WorkflowActor): Promise<WorkflowDocument> {
      assertDraftShape(definition);
      const at = now();
      const doc: WorkflowDocument = {
        _id: randomUUID(),
        name: definition.name,
        ...(definition.description === undefined ? {} : { description: definition.description }),
        draft: definition,
        revision: 1,
        createdAt: at,
        createdBy: actor.userId,
        updatedAt: at,
        updatedBy: actor.userId,
      };
      await workflows.insertOne(doc);
      return doc;
    },

    /** Workflows that are not archived, most recently edited first, without their drafts. */
    async list(): Promise<WorkflowSummary[]> {
      return workflows
        .find({ archived: { $ne: true } }, { projection: { draft: 0 } })
        .sort({ updatedAt: -1 })
        .toArray();
    },

    get: find,

    /**
     * Replaces the draft. With `expectedRevision`, refuses a stale edit with {@link RevisionConflictError};
     * the check and the write are one conditional update.
     */
    async updateDraft(
      id: string,
      definition: unknown,
      expectedRevision: number | undefined,
      actor: WorkflowActor,
    ): Promise<WorkflowDocument> {
      assertDraftShape(definition);
      const current = await find(id);
      const revision = expectedRevision ?? current.revision;
      if (revision !== current.revision) {
        throw new RevisionConflictError(
          `workflow ${id} is at revision ${current.revision}`,
          current.revision,
        );
      }
      const updated = await workflows.findOneAndUpdate(
        { _id: id, revision, archived: { $ne: true } },
        {
          $set: {
            name: definition.name,
            draft: definition,
            revision: revision + 1,
            updatedAt: now(),
            updatedBy: actor.userId,
            ...(definition.description === undefined ? {} : { description: definition.description }),
          },
          ...(definition.description === undefined ? { $unset: { description: '' as const } } : {}),
        },
        { returnDocument: 'after' },
      );
      if (updated) return updated;
      const latest = await find(id);
      throw new RevisionConflictError(`workflow ${id} is at revision ${latest.revision}`, latest.revision);
    },

    /** Archives a workflow and unpublishes it, so no trigger starts it again; versions stay for runs. */
    async archive(id: string, expectedRevision: number | undefined, actor: WorkflowActor): Promise<void> {
      const current = await find(id);
      if (expectedRevision !== undefined && expectedRevision !== current.revision) {
        throw new RevisionConflictError(
          `workflow ${id} is at revision ${current.revision}`,
          current.revision,
        );
      }
      await workflows.updateOne(
        { _id: id },
        {
          $set: { archived: true, updatedAt: now(), updatedBy: actor.userId },
          $unset: { publishedVersion: '' },
          $inc: { revision: 1 },
        },
      );
      await appendAudit(db, {
        actor: { userId: actor.userId },
        action: 'workflow.archived',
        resource: 'workflow',
        resourceId: id,
        diff: { archived: { from: false, to: true } },
        at: now(),
      });
    },

    /**
     * Validates the draft and stores it as the next immutable version, which becomes the published one.
     * Throws {@link InvalidDefinitionError} with every error when the draft is not valid. `extraChecks`
     * are the deployment's own publish checks (cron grammar, webhook schemas), run on the same draft
     * read as the version is made of.
     */
    async publish(
      id: string,
      actor: PublishActor,
      extraChecks: readonly PublishCheck[] = [],
    ): Promise<WorkflowVersionDocument> {
      const workflow = await find(id);
      const { valid, errors } = checkForPublish(workflow.draft, extraChecks);
      if (!valid)
        throw new InvalidDefinitionError(`workflow ${id} has ${errors.length} validation errors`, errors);
      const refused = plannedWriteRefusals(workflow.draft, actor.roles);
      if (refused.length > 0) {
        throw new PublishForbiddenError(
          `Runs act as their publisher, and ${refused.length} write(s) of this workflow are not yours to make: ${refused.map((r) => `${r.nodeId}: ${r.message}`).join('; ')}`,
          refused.map(({ nodeId, path, message }) => ({ nodeId, path, code: 'forbidden_write', message })),
        );
      }
      let next = (await latestVersion(id)) + 1;
      for (let attempt = 1; ; attempt++) {
        const doc: WorkflowVersionDocument = {
          _id: versionId(id, next),
          workflowId: id,
          version: next,
          definition: workflow.draft,
          triggers: triggersOf(workflow.draft),
          publishedAt: now(),
          publishedBy: actor.userId,
          runAs: { userId: actor.userId, roles: [...actor.roles] },
          draftRevision: workflow.revision,
        };
        try {
          await versions.insertOne(doc);
        } catch (error: unknown) {
          if (!isDuplicateKey(error) || attempt >= maxPublishAttempts) throw error;
          next = Math.max(next + 1, (await latestVersion(id)) + 1);
          continue;
        }
        // A slower concurrent publish of a lower number must not move publishedVersion back. The
        // condition is checked by MongoDB atomically but not by FerretDB v1, where two racing updates
        // can both apply. So every publisher, after its own write, reads back and moves
        // publishedVersion up to the newest version while it holds a lower one: whichever write lands
        // last, its writer's check follows it, and publishedVersion ends at the newest version.
        await workflows.updateOne(
          { _id: id, $or: [{ publishedVersion: { $exists: false } }, { publishedVersion: { $lt: next } }] },
          { $set: { publishedVersion: next } },
        );
        for (let check = 0; check < maxPublishAttempts; check++) {
          const stored = await workflows.findOne({ _id: id }, { projection: { publishedVersion: 1 } });
          // Unpublished meanwhile: nothing to move.
          if (stored?.publishedVersion === undefined) break;
          const newest = await latestVersion(id);
          if (stored.publishedVersion >= newest) break;
          await workflows.updateOne({ _id: id }, { $set: { publishedVersion: newest } });
        }
        await appendAudit(
          db,
          {
            actor: { userId: actor.userId },
            action: 'workflow.published',
            resource: 'workflow',
            resourceId: id,
            diff: { publishedVersion: { from: workflow.publishedVersion ?? null, to: next } },
            at: doc.publishedAt,
          },
          `workflow.published:${doc._id}`,
        );
        return doc;
      }
    },

    /** Stops triggers from starting the workflow; its versions and running runs are untouched. */
    async unpublish(id: string, actor: WorkflowActor): Promise<WorkflowDocument> {
      const workflow = await find(id);
      const updated = await workflows.findOneAndUpdate(
        { _id: id },
        { $unset: { publishedVersion: '' } },
        { returnDocument: 'after' },
      );
      if (workflow.publishedVersion !== undefined) {
        await appendAudit(db, {
          actor: { userId: actor.userId },
          action: 'workflow.unpublished',
          resource: 'workflow',
          resourceId: id,
          diff: { publishedVersion: { from: workflow.publishedVersion, to: null } },
          at: now(),
        });
      }
      return updated ?? workflow;
    },

    /** Every published version, newest first, without definitions. */
    async listVersions(id: string): Promise<VersionSummary[]> {
      await find(id);
      return versions
        .find({ workflowId: id }, { projection: { definition: 0 } })
        .sort({ version: -1 })
        .toArray();
    },

    /** One version; versions of archived workflows stay readable, for the runs that use them. */
    async getVersion(id: string, version: number): Promise<WorkflowVersionDocument> {
      const doc = await versions.findOne({ _id: versionId(id, version) });
      if (!doc) throw new WorkflowNotFoundError(`workflow ${id} has no version ${version}`);
      return doc;
    },

    /** The published version of a workflow, or undefined when it is not published. */
    async getPublished(id: string): Promise<WorkflowVersionDocument | undefined> {
      const workflow = await find(id);
      if (workflow.publishedVersion === undefined) return undefined;
      return (await versions.findOne({ _id: versionId(id, workflow.publishedVersion) })) ?? undefined;
    },

    /** Every published version's triggers, for the trigger engine to match events and sync schedules. */
    async listPublishedTriggers(): Promise<
      Array<{ workflowId: string; version: number; triggers: PublishedTrigger[] }>
    > {
      const published = await workflows
        .find(
          { archived: { $ne: true }, publishedVersion: { $exists: true } },
          { projection: { publishedVersion: 1 } },
        )
        .toArray();
      const ids = published.map((w) => versionId(w._id, w.publishedVersion ?? 0));
      if (ids.length === 0) return [];
      const docs = await versions.find({ _id: { $in: ids } }, { projection: { definition: 0 } }).toArray();
      return docs.map((doc) => ({
        workflowId: doc.workflowId,
        version: doc.version,
        triggers: doc.triggers,
      }));
    },
  };
}
