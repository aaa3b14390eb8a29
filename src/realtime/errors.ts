/** The event log's own refusals; the GraphQL edge maps each code to `extensions.code`. */
export enum EventCursorErrorCode {
  /** Not a cursor this API handed out (garbage, or minted for another workspace). */
  INVALID = 'INVALID',
  /** A cursor ahead of anything the workspace has handed out. */
  AHEAD = 'AHEAD',
  /** Events after the cursor have been pruned by the retention sweep. */
  EXPIRED = 'EXPIRED',
}

export class EventCursorError extends Error {
  constructor(
    readonly code: EventCursorErrorCode,
    message: string,
    /** The argument that carried the cursor. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'EventCursorError';
  }
}

/** A subscriber that stopped reading; its stream was ended to keep memory bounded. */
export class SubscriberTooSlowError extends Error {
  readonly code = 'SUBSCRIBER_TOO_SLOW';

  constructor(readonly maxBuffer: number) {
    super(
      `The subscriber fell more than ${maxBuffer} events behind and was closed: ` +
        'subscribe again with `after` set to the last cursor received.',
    );
    this.name = 'SubscriberTooSlowError';
  }
}
