import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { writeStandInResponse } from './stand-in-response.js';

/** Limits a fault to requests whose path starts with `match`; without it any request takes the fault. */
export interface FaultFilter {
  match?: string;
}

/** Answer with this status, headers and body instead of calling the handler. */
export interface StatusFault extends FaultFilter {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Reset the TCP connection without an answer: the client sees ECONNRESET. */
export interface ResetFault extends FaultFilter {
  type: 'reset';
}

/** Wait `ms` milliseconds, then answer normally: exercises client timeouts. */
export interface StallFault extends FaultFilter {
  type: 'stall';
  ms: number;
}

/** Promise a longer body in content-length than is sent, then close the connection. */
export interface TruncatedFault extends FaultFilter {
  type: 'truncated';
}

/** Answer 200 with a JSON content-type and a body that does not parse. */
export interface InvalidJsonFault extends FaultFilter {
  type: 'invalid-json';
}

export type Fault = StatusFault | ResetFault | StallFault | TruncatedFault | InvalidJsonFault;

/** Removes and returns the first queued fault that applies to `path`, so faults fire once, in order. */
export function takeFault(queue: Fault[], path: string): Fault | undefined {
  const index = queue.findIndex((fault) => fault.match === undefined || path.startsWith(fault.match));
  if (index === -1) return undefined;
  return queue.splice(index, 1)[0];
}

/**
 * Plays a fault on the response. Resolves `'continue'` when the request should still reach the
 * handler (a stall), `'done'` when the fault was the whole answer.
 */
export async function playFault(
  fault: Fault,
  response: ServerResponse,
  signal: AbortSignal,
): Promise<'continue' | 'done'> {
  if (!('type' in fault)) {
    writeStandInResponse(response, { status: fault.status, headers: fault.headers, body: fault.body });
    return 'done';
  }
  switch (fault.type) {
    case 'reset':
      // resetAndDestroy sends a TCP RST, which is what a client sees from a dropped load balancer.
      response.socket?.resetAndDestroy();
      return 'done';
    case 'stall':
      try {
        await delay(fault.ms, undefined, { signal });
        return 'continue';
      } catch {
        // The stand-in closed while stalling; its sockets are already gone.
        return 'done';
      }
    case 'truncated': {
      const full = Buffer.from('{"message":"the stand-in cut this body short on purpose"}', 'utf8');
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(full.length),
      });
      // Destroy once the partial body is flushed, otherwise the client waits for the missing bytes.
      response.write(full.subarray(0, Math.floor(full.length / 2)), () => response.destroy());
      return 'done';
    }
    case 'invalid-json':
      writeStandInResponse(response, {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: '{"id": 1, "title": "unterminated',
      });
      return 'done';
  }
}
