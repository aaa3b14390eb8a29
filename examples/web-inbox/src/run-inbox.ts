import {
  InboxClient,
  type InboxClientOptions,
  type InboxEvent,
  type TrayMove,
  type TrayState,
} from './inbox-client';

export interface RunInboxOptions extends Omit<InboxClientOptions, 'onEvent'> {
  email: string;
  password: string;
  /** An invite or reset token: set the password with it first (an invited agent's first visit). */
  passwordToken?: string;
  /** Resume the tray moves after this cursor (printed when the last run ended). */
  after?: string | null;
  /** Answer this text to `replyTo`, or else to the first conversation of the ACTIVE tray. */
  reply?: string;
  replyTo?: string;
  /** Sign out after this many tray moves; otherwise when `signal` aborts. */
  exitAfterMoves?: number;
  signal?: AbortSignal;
  /** Every event, as it happens (the lines printed are made from them). */
  onEvent?: (event: InboxEvent) => void;
}

export interface RunInboxResult {
  moves: TrayMove[];
  /** Where the next run resumes. */
  lastCursor: string | null;
  connections: number;
  refreshes: number;
  revokedSessions: number;
}

function customerOf(conversation: { customer: { name: string | null; phone: string | null } }): string {
  return conversation.customer.name ?? conversation.customer.phone ?? 'unknown customer';
}

function traysLine(trays: { kind: string; count: number }[]): string {
  return trays.map((tray) => `${tray.kind} ${tray.count}`).join(' · ');
}

function traysText(trays: TrayState[]): string[] {
  const lines = [`trays: ${traysLine(trays)}`];
  for (const tray of trays) {
    for (const conversation of tray.conversations) {
      const last = conversation.lastMessage?.text ? `: "${conversation.lastMessage.text}"` : '';
      lines.push(`  ${tray.kind} ${conversation.id} ${customerOf(conversation)}${last}`);
    }
    if (tray.endCursor) lines.push(`  ${tray.kind} … more after ${tray.endCursor}`);
  }
  return lines;
}

/** One line per event, as the example prints them. */
export function describeEvent(event: InboxEvent): string[] {
  switch (event.type) {
    case 'signed-in':
      return [
        `signed in as ${event.agent.name} <${event.agent.email}> (${event.agent.role}); access token valid until ${event.accessTokenExpiresAt}`,
      ];
    case 'token-refreshed':
      return [`token refreshed; valid until ${event.accessTokenExpiresAt}`];
    case 'session-ended':
      return [`session ended (${event.code}): ${event.message}`];
    case 'trays':
      return traysText(event.trays);
    case 'counts':
      return [`counts: ${traysLine(event.counts)}`];
    case 'moved':
      return [
        `moved: ${event.move.conversation.id} ${customerOf(event.move.conversation)} ${event.move.from ?? '—'} → ${event.move.to ?? '—'} (cursor ${event.move.cursor})`,
      ];
    case 'replied':
      return [
        `replied to ${event.conversationId} (message ${event.message.id}): ${event.message.status} "${event.message.text ?? ''}"`,
      ];
    case 'signed-out':
      return [
        `signed out (${event.revokedSessions} session${event.revokedSessions === 1 ? '' : 's'} revoked)`,
      ];
    case 'connected':
      return [`connected (socket ${event.connections})`];
    case 'disconnected':
      return [`connection lost (${event.code ?? 'no code'}${event.reason ? `: ${event.reason}` : ''})`];
    case 'resubscribing':
      return [
        `resubscribing ${event.operation} in ${event.delayMs} ms, ${event.after ? `after ${event.after}` : 'from now'}`,
      ];
    case 'renewed':
      return ['socket re-authenticated with the new token'];
    case 'cursor-expired':
      return [`${event.operation}: the cursor is older than the server keeps; trays reloaded`];
    case 'failed':
      return [`${event.operation} stopped: ${JSON.stringify(event.error)}`];
  }
}

/**
 * The example's session from start to end: sign in, watch, list the trays, optionally reply,
 * print tray moves as they come, sign out. `print` gets each line.
 */
export async function runInbox(
  options: RunInboxOptions,
  print: (line: string) => void,
): Promise<RunInboxResult> {
  const moves: TrayMove[] = [];
  let refreshes = 0;
  let wake: () => void = () => {};
  const client = new InboxClient({
    ...options,
    onEvent: (event) => {
      if (event.type === 'moved') moves.push(event.move);
      if (event.type === 'token-refreshed') refreshes += 1;
      for (const line of describeEvent(event)) print(line);
      options.onEvent?.(event);
      if (event.type === 'moved' || event.type === 'session-ended' || event.type === 'failed') wake();
    },
  });

  if (options.passwordToken) await client.acceptInvite(options.passwordToken, options.password);
  else await client.signIn(options.email, options.password);

  let ended = false;
  client.session.onEnded(() => (ended = true));
  options.signal?.addEventListener('abort', () => wake(), { once: true });
  let lastCursor: string | null = null;
  let connections = 0;
  let revokedSessions = 0;
  try {
    // Subscribed before the trays load, so a move committed meanwhile arrives as a push.
    client.watch({ after: options.after ?? null });
    print(`watching tray moves ${options.after ? `after ${options.after}` : 'from now'}`);
    const trays = await client.loadTrays();

    if (options.reply) {
      const target =
        options.replyTo ?? trays.find((tray) => tray.kind === 'ACTIVE')?.conversations[0]?.id ?? null;
      if (target) await client.reply(target, options.reply);
      else print('nothing to reply to: the ACTIVE tray is empty');
    }

    const enough = () =>
      ended ||
      options.signal?.aborted === true ||
      (options.exitAfterMoves !== undefined && moves.length >= options.exitAfterMoves);
    while (!enough()) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    lastCursor = client.lastCursor;
    connections = client.connectionCount;
    if (!ended) revokedSessions = await client.signOut();
  }
  if (lastCursor) print(`resume later with --after ${lastCursor}`);
  return { moves, lastCursor, connections, refreshes, revokedSessions };
}
