import { createHash } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { AuditAction } from '../../entities/audit-entry.entity';
import { PersistedQuery } from '../../entities/persisted-query.entity';
import { Workspace } from '../../entities/workspace.entity';
import { type Viewer } from '../../auth/viewer';
import { type AppDeps } from '../../runtime/app-deps';
import { changesOf, recordAudit } from '../audit/audit.service';
import { type Caller } from '../caller';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { ownedRow } from '../owned-row';
import { paginate, type ConnectionShape, type PageRequest } from '../paging';
import { inTransaction } from '../unit-of-work';

/** What the audit log shows of a registered operation (the document itself is in the row). */
const AUDITED = ['name', 'sha256'] as const;
const NAME_MAX = 100;
/** Far above what the token limit lets run; long comments or strings would otherwise be stored whole. */
const QUERY_MAX_CHARS = 50_000;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Why a request of a safelisted API key is refused. */
export enum SafelistErrorCode {
  /** The request sent a document instead of naming a registered operation. */
  REQUIRED = 'REQUIRED',
  /** The named operation is not registered in the caller's workspace. */
  NOT_ALLOWED = 'NOT_ALLOWED',
}

export class SafelistError extends Error {
  constructor(
    readonly code: SafelistErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SafelistError';
  }
}

/** The identifier of a document, as APQ clients compute it: lower-case hex SHA-256 of its exact text. */
export function documentSha256(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

/**
 * Whether the caller may run registered operations only: the workspace's API keys once an admin
 * turned `apiKeysRequireSafelist` on. Signed-in agents are never held to it. `fresh` reads the
 * setting from the database (a WebSocket connection keeps the workspace it connected with).
 */
export async function safelistApplies(deps: AppDeps, viewer: Viewer, fresh = false): Promise<boolean> {
  if (viewer.principal.kind !== 'apiKey') return false;
  if (!fresh) return viewer.workspace.apiKeysRequireSafelist;
  const row = await deps.dataSource
    .getRepository(Workspace)
    .findOne({ where: { id: viewer.workspaceId }, select: { id: true, apiKeysRequireSafelist: true } });
  return row?.apiKeysRequireSafelist ?? true;
}

/**
 * The registered operation a safelisted caller names by its SHA-256, from its own workspace only
 * (another workspace's registration is as absent as none). No name: the request sent a bare
 * document, refused before it is even parsed.
 */
export async function safelistedDocument(
  deps: AppDeps,
  viewer: Viewer,
  sha256: string | null,
): Promise<PersistedQuery> {
  if (sha256 === null) {
    throw new SafelistError(
      SafelistErrorCode.REQUIRED,
      "This workspace's API keys may run registered operations only: send extensions.persistedQuery { version: 1, sha256Hash } of an operation registered with persistedQueryRegister.",
    );
  }
  const registered = await deps.dataSource
    .getRepository(PersistedQuery)
    .findOneBy({ workspaceId: viewer.workspaceId, sha256 });
  if (!registered) {
    throw new SafelistError(
      SafelistErrorCode.NOT_ALLOWED,
      `No operation with sha256Hash ${sha256} is registered in this workspace; an admin registers it with persistedQueryRegister.`,
    );
  }
  return registered;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > NAME_MAX) {
    throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, `The name must be 1–${NAME_MAX} characters.`, [
      'input',
      'name',
    ]);
  }
  return trimmed;
}

async function lockRegistry(manager: EntityManager, workspaceId: string): Promise<void> {
  // Registrations of one workspace one at a time, so the uniqueness checks below stay exact.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('persisted-query:' || $1))`, [workspaceId]);
}

/**
 * Registers a document under a name. `documentProblem` (the edge's parse and validation against
 * the schema) says what is wrong with it, if anything. Registering the same document under the
 * same name again returns the stored one, so a deploy can register its operations every time.
 */
export async function registerPersistedQuery(
  caller: Caller,
  input: { query: string; name: string },
  documentProblem: (query: string) => string | null,
): Promise<PersistedQuery> {
  const name = checkName(input.name);
  const problem =
    input.query.length > QUERY_MAX_CHARS
      ? `The document is longer than ${QUERY_MAX_CHARS} characters.`
      : documentProblem(input.query);
  if (problem) throw new BusinessRuleError(UserErrorCode.INVALID_INPUT, problem, ['input', 'query']);
  const sha256 = documentSha256(input.query);
  const workspaceId = caller.viewer.workspaceId;
  return inTransaction(caller.deps, workspaceId, async (uow) => {
    await lockRegistry(uow.manager, workspaceId);
    const repository = uow.manager.getRepository(PersistedQuery);
    const sameDocument = await repository.findOneBy({ workspaceId, sha256 });
    if (sameDocument?.name === name) return sameDocument;
    if (sameDocument) {
      throw new BusinessRuleError(
        UserErrorCode.DUPLICATE,
        `This document is already registered as "${sameDocument.name}".`,
        ['input', 'query'],
      );
    }
    if (await repository.existsBy({ workspaceId, name })) {
      throw new BusinessRuleError(
        UserErrorCode.DUPLICATE,
        `Another document is registered as "${name}"; delete it first or choose another name.`,
        ['input', 'name'],
      );
    }
    const stored = await repository.save(
      repository.create({ workspaceId, name, sha256, query: input.query }),
    );
    await recordAudit(uow, caller, {
      action: AuditAction.PERSISTED_QUERY_REGISTERED,
      targetType: 'PersistedQuery',
      targetId: stored.id,
      changes: changesOf(null, stored, AUDITED),
    });
    return stored;
  });
}

/** Removes a registration: a safelisted API key can no longer run it, from the next request on. */
export async function deletePersistedQuery(caller: Caller, id: string): Promise<string> {
  const registered = await ownedRow(caller, PersistedQuery, id);
  const workspaceId = caller.viewer.workspaceId;
  await inTransaction(caller.deps, workspaceId, async (uow) => {
    await uow.manager.getRepository(PersistedQuery).delete({ id: registered.id, workspaceId });
    await recordAudit(uow, caller, {
      action: AuditAction.PERSISTED_QUERY_DELETED,
      targetType: 'PersistedQuery',
      targetId: registered.id,
      changes: changesOf(registered, null, AUDITED),
    });
  });
  return registered.globalId;
}

/** The workspace's registered operations, newest first. */
export function listPersistedQueries(
  caller: Caller,
  page: PageRequest,
): Promise<ConnectionShape<PersistedQuery>> {
  const query = caller.deps.dataSource
    .getRepository(PersistedQuery)
    .createQueryBuilder('p')
    .where('p.workspace_id = :workspaceId', { workspaceId: caller.viewer.workspaceId });
  return paginate(
    query,
    {
      column: 'p.created_at',
      idColumn: 'p.id',
      table: 'persisted_query',
      tableColumn: 'created_at',
      direction: 'DESC',
    },
    page,
    caller.viewer.workspaceId,
  );
}
