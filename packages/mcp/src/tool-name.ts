import { createHash } from 'node:crypto';

/** MCP's rule for tool names: 1 to 64 characters of letters, digits, `_` and `-`. */
export const MAX_TOOL_NAME_LENGTH = 64;
const HASH_LENGTH = 10;

// A connection id without `_` or `.` and an operation id of letters, digits, `-` and `.` map to
// `<connection>_<operation with . as _>` one to one: the first `_` is the separator and every
// later one was a dot. Anything else could collide after sanitizing, so it gets a hash suffix.
const plainConnection = /^[A-Za-z0-9-]+$/;
const plainOperation = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;

/**
 * The tool name of one (connection, operation) pair: readable, within MCP's rules, and the same
 * on every start. Ids that are too long or hold other characters keep a readable prefix and end
 * with a hash of the exact pair, so two pairs never share a name.
 */
export function toolName(connectionId: string, operation: string): string {
  const readable = `${connectionId}_${operation}`.replace(/[^A-Za-z0-9_-]/g, '_');
  if (readable.length <= MAX_TOOL_NAME_LENGTH && plainConnection.test(connectionId) && plainOperation.test(operation)) return readable;
  const hash = createHash('sha256').update(connectionId).update('\u0000').update(operation).digest('hex').slice(0, HASH_LENGTH);
  const prefix = readable.slice(0, MAX_TOOL_NAME_LENGTH - HASH_LENGTH - 1).replace(/_+$/, '');
  return `${prefix}_${hash}`;
}
