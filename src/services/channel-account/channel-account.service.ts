import { type ChannelCredentials } from '../../channels/channel-adapter';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { ChannelKind } from '../../entities/enums';
import { BusinessRuleError, UserErrorCode } from '../errors';
import { type AppDeps } from '../../runtime/app-deps';
import {
  channelUrlPolicy,
  checkOutboundUrl,
  OutboundUrlRefusal,
  OutboundUrlRefusalReason,
} from '../outbound/outbound-url-policy';
import { inTransaction } from '../unit-of-work';
import { changesOf, recordAudit } from '../audit/audit.service';
import { AuditAction } from '../../entities/audit-entry.entity';
import { type Caller } from '../caller';
import { ownedRow } from '../owned-row';
import { Team } from '../../entities/team.entity';
import { boundedText, optionalBoundedText, TEXT_LIMITS } from '../text-limits';

/** What the audit log shows of a channel account (never its tokens or secrets). */
const AUDITED = [
  'kind',
  'name',
  'externalId',
  'wabaId',
  'apiBaseUrl',
  'humanAgentTagEnabled',
  'messagesPerSecond',
  'defaultTeamId',
] as const;

/** The outbound rule of channel calls; the process's own Graph API sandbox passes it when served. */
function channelPolicyOf(deps: Pick<AppDeps, 'config' | 'graphSandboxUrl'>) {
  const sandbox = deps.graphSandboxUrl();
  return channelUrlPolicy(deps.config, sandbox ? [sandbox] : []);
}

/** Decrypts a channel account's secrets for its adapter; nothing else ever sees them in clear. */
export function credentialsOf(
  deps: Pick<AppDeps, 'secretBox' | 'config' | 'graphSandboxUrl'>,
  account: ChannelAccount,
): ChannelCredentials {
  const open = (sealed: string | null) => (sealed ? deps.secretBox.open(sealed) : null);
  return {
    kind: account.kind,
    externalId: account.externalId,
    wabaId: account.wabaId,
    accessToken: open(account.accessTokenEnc),
    appSecret: open(account.appSecretEnc),
    verifyToken: open(account.verifyTokenEnc),
    apiBaseUrl: account.apiBaseUrl.replace(/\/+$/, ''),
    apiVersion: deps.config.graphApiVersion,
    urlPolicy: channelPolicyOf(deps),
  };
}

export interface ChannelConnectValues {
  kind: ChannelKind;
  name: string;
  externalId: string;
  accessToken?: string | null;
  appSecret?: string | null;
  verifyToken?: string | null;
  wabaId?: string | null;
  apiBaseUrl?: string | null;
  humanAgentTagEnabled?: boolean | null;
  messagesPerSecond?: number | null;
  /** Database id of the team new conversations go to; absent or null: the general queue. */
  defaultTeamId?: string | null;
}

function invalid(message: string, field: string): BusinessRuleError {
  return new BusinessRuleError(UserErrorCode.INVALID_INPUT, message, ['input', field]);
}

/**
 * A tenant's Graph API base URL: one of the allowed hosts, on public addresses (every fetch checks
 * again). The operator's GRAPH_API_BASE_URL needs no check here; it is checked at every fetch too.
 */
async function checkApiBaseUrl(
  deps: Pick<AppDeps, 'config' | 'graphSandboxUrl'>,
  raw: string,
): Promise<string> {
  try {
    const url = await checkOutboundUrl(raw, channelPolicyOf(deps));
    return url.toString().replace(/\/+$/, '');
  } catch (error) {
    if (!(error instanceof OutboundUrlRefusal)) throw error;
    if (error.reason === OutboundUrlRefusalReason.MALFORMED) {
      throw invalid('apiBaseUrl must be an http(s) URL.', 'apiBaseUrl');
    }
    throw new BusinessRuleError(UserErrorCode.CHANNEL_URL_NOT_ALLOWED, `apiBaseUrl: ${error.message}`, [
      'input',
      'apiBaseUrl',
    ]);
  }
}

/** Connects a number, page or account; secrets are encrypted at rest and never readable back. */
export async function connectChannel(caller: Caller, input: ChannelConnectValues): Promise<ChannelAccount> {
  const { deps } = caller;
  const workspaceId = caller.viewer.workspaceId;
  const name = boundedText(input.name, TEXT_LIMITS.name, 'The channel name', ['input', 'name']);
  const externalId = input.externalId.trim();
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(externalId)) {
    throw invalid(
      'externalId must be the phone_number_id, page id or account id (letters, digits, _ . : -).',
      'externalId',
    );
  }
  const meta = input.kind !== ChannelKind.API;
  if (meta && !input.accessToken)
    throw invalid('An access token is required to send on this channel.', 'accessToken');
  if (!input.appSecret)
    throw invalid('The app secret is required to verify webhook signatures.', 'appSecret');
  if (meta && !input.verifyToken)
    throw invalid('A verify token is required for the webhook handshake.', 'verifyToken');
  for (const field of ['accessToken', 'appSecret', 'verifyToken'] as const) {
    if ((input[field]?.length ?? 0) > TEXT_LIMITS.secret) {
      throw invalid(`${field} must be at most ${TEXT_LIMITS.secret} characters.`, field);
    }
  }
  const wabaId = optionalBoundedText(input.wabaId, TEXT_LIMITS.externalId, 'wabaId', ['input', 'wabaId']);
  const apiBaseUrl = input.apiBaseUrl
    ? await checkApiBaseUrl(deps, input.apiBaseUrl)
    : deps.config.graphApiBaseUrl;
  const messagesPerSecond = input.messagesPerSecond ?? 80;
  if (messagesPerSecond < 1 || messagesPerSecond > 1000) {
    throw invalid('messagesPerSecond must be between 1 and 1000.', 'messagesPerSecond');
  }
  const defaultTeamId = input.defaultTeamId ? (await ownedRow(caller, Team, input.defaultTeamId)).id : null;
  const repository = deps.dataSource.getRepository(ChannelAccount);
  if (await repository.exists({ where: { kind: input.kind, externalId } })) {
    throw new BusinessRuleError(
      UserErrorCode.DUPLICATE,
      `This ${input.kind} account (${externalId}) is already connected.`,
      ['input', 'externalId'],
    );
  }
  const seal = (value: string | null | undefined) => (value ? deps.secretBox.seal(value) : null);
  const account = repository.create({
    workspaceId,
    kind: input.kind,
    name,
    externalId,
    wabaId,
    accessTokenEnc: seal(input.accessToken),
    appSecretEnc: seal(input.appSecret),
    verifyTokenEnc: seal(input.verifyToken),
    apiBaseUrl,
    humanAgentTagEnabled: input.humanAgentTagEnabled ?? false,
    messagesPerSecond,
    defaultTeamId,
  });
  return inTransaction(deps, workspaceId, async (uow) => {
    const saved = await uow.manager.save(account);
    const changes = changesOf(null, saved, AUDITED);
    await recordAudit(uow, caller, {
      action: AuditAction.CHANNEL_CONNECTED,
      targetType: 'ChannelAccount',
      targetId: saved.id,
      changes,
    });
    return saved;
  });
}

export interface ChannelUpdateValues {
  channelAccountId: string;
  name?: string | null;
  /** Database id of the team new conversations go to; null: the general queue; absent: unchanged. */
  defaultTeamId?: string | null;
}

/** Renames a channel account or changes the team its new conversations go to (admins). */
export async function updateChannel(caller: Caller, input: ChannelUpdateValues): Promise<ChannelAccount> {
  const account = await ownedRow(caller, ChannelAccount, input.channelAccountId);
  const before = { ...account };
  if (input.name != null) {
    const name = input.name.trim();
    if (!name) throw invalid('Give the channel a name.', 'name');
    account.name = name;
  }
  if (input.defaultTeamId !== undefined) {
    account.defaultTeamId = input.defaultTeamId
      ? (await ownedRow(caller, Team, input.defaultTeamId)).id
      : null;
  }
  return inTransaction(caller.deps, caller.viewer.workspaceId, async (uow) => {
    const saved = await uow.manager.save(account);
    await recordAudit(uow, caller, {
      action: AuditAction.CHANNEL_UPDATED,
      targetType: 'ChannelAccount',
      targetId: saved.id,
      changes: changesOf(before, saved, AUDITED),
    });
    return saved;
  });
}

export function webhookPathOf(account: Pick<ChannelAccount, 'kind' | 'id'>): string {
  return `/webhooks/${account.kind.toLowerCase()}/${account.id}`;
}
