/** Wrong or missing flags: the message says what to type instead. */
export class UsageError extends Error {}

/** The command could not do its work for a reason the operator can fix (the message says which). */
export class CommandError extends Error {}
