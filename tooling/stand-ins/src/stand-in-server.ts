import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { playFault, takeFault, type Fault } from './fault.js';
import { readRecordedRequest, type RecordedRequest, type StandInRequest } from './recorded-request.js';
import { writeStandInResponse, type StandInResponse } from './stand-in-response.js';

export type StandInHandler = (request: StandInRequest) => StandInResponse | Promise<StandInResponse>;

export interface StandInOptions {
  /** Port on 127.0.0.1; 0 (the default) lets the OS pick a free one so parallel tests never clash. */
  port?: number;
}

export interface StandIn {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** Every request received, in arrival order, including those answered by a fault. */
  readonly requests: RecordedRequest[];
  /** Queues faults; each later request takes the first queued fault whose `match` fits its path. */
  injectFaults(...faults: Fault[]): void;
  /** Stops listening and destroys every socket, keep-alive ones included. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts a stand-in HTTP server on 127.0.0.1 that answers every request with `handler`. */
export async function startStandIn(handler: StandInHandler, options: StandInOptions = {}): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  // Aborting ends pending stalls, so close() never waits for a stall timer.
  const closing = new AbortController();

  async function answer(message: IncomingMessage, response: ServerResponse): Promise<void> {
    let request: RecordedRequest;
    try {
      request = await readRecordedRequest(message);
    } catch {
      return; // The client went away mid-body; there is nobody left to answer.
    }
    requests.push(request);

    const fault = takeFault(faults, request.path);
    if (fault && (await playFault(fault, response, closing.signal)) === 'done') return;
    if (closing.signal.aborted) return;

    try {
      writeStandInResponse(response, await handler(request));
    } catch (error) {
      // A bug in a handler should fail the test loudly with a readable body, not hang the client.
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) writeStandInResponse(response, { status: 500, body: { message } });
    }
  }

  const server = createServer((message, response) => void answer(message, response));
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    injectFaults: (...more) => void faults.push(...more),
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        // server.close() alone waits for busy keep-alive sockets; a test run must not.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
