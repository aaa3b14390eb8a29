import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { SignInError } from './session';
import { runInbox } from './run-inbox';

const USAGE = `Usage: web-inbox --email E [--password P | OMNITRAY_PASSWORD=P] [options]
  --url U              GraphQL URL (default http://localhost:4000/graphql)
  --password-token T   an invite or reset token: set the password first (passwordSet)
  --reply TEXT         answer TEXT to the first conversation of the ACTIVE tray (or --conversation ID)
  --conversation ID    the conversation to answer
  --view V2|CLASSIC    the tray layout (default V2; CLASSIC shows the queue as NEW)
  --after CURSOR       resume the tray moves after this cursor (the last run prints it)
  --exit-after N       sign out after N tray moves (default: on Ctrl-C)`;

/** The web inbox from a terminal: Node's fetch, the `ws` package as the WebSocket. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:4000/graphql' },
      email: { type: 'string' },
      password: { type: 'string' },
      'password-token': { type: 'string' },
      reply: { type: 'string' },
      conversation: { type: 'string' },
      view: { type: 'string', default: 'V2' },
      after: { type: 'string' },
      'exit-after': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const password = values.password ?? process.env.OMNITRAY_PASSWORD;
  const exitAfter = values['exit-after'] === undefined ? undefined : Number(values['exit-after']);
  const view = values.view === 'CLASSIC' || values.view === 'V2' ? values.view : null;
  if (values.help || !values.email || !password || !view || (exitAfter !== undefined && !(exitAfter >= 1))) {
    console.error(USAGE);
    return 2;
  }

  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  try {
    await runInbox(
      {
        url: values.url!,
        view,
        email: values.email,
        password,
        passwordToken: values['password-token'],
        reply: values.reply,
        replyTo: values.conversation,
        after: values.after,
        exitAfterMoves: exitAfter,
        signal: stop.signal,
        webSocketImpl: WebSocket,
      },
      (line) => console.log(line),
    );
    return 0;
  } catch (error) {
    console.error(error instanceof SignInError ? `sign-in refused (${error.code}): ${error.message}` : error);
    return 1;
  }
}

main().then((code) => process.exit(code));
