import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { operationFields, vendorPackageDirectory } from '@patchbay/connector-kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { TwilioModule } from './index.js';

/** One request Twilio's SDK sends: the PascalCase parameters it puts on the wire, and the ones it throws without. */
interface SdkRequest {
  names: Set<string>;
  required: Set<string>;
}

const requests = new Map<string, SdkRequest>();
const API_PREFIX = '/2010-04-01';

/** `GET /Accounts/{}/Messages.json`: the method and the path with its parameters unnamed. */
const key = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\$\{[^}]+\}|\{[^}]+\}/g, '{}')}`;

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = join(folder, name);
    return statSync(file).isDirectory() ? files(file) : name.endsWith('.js') ? [file] : [];
  });
}

/**
 * Reads the requests of one generated resource file: each `create`/`page`/`fetch`/`update`
 * sends to the `_uri` set last before it, with `data["Wire"] = params["camel"]` lines.
 */
function readResource(source: string): void {
  const uris = [...source.matchAll(/_uri = `([^`]+)`/g)].map((match) => ({ at: match.index, uri: match[1]! }));
  // List functions are assigned (`instance.create = function create(`), context ones are class methods (`fetch(callback) {`).
  for (const match of source.matchAll(/function (?:create|page)\(|\n {4}(?:fetch|update)\((?:params, )?callback\) \{/g)) {
    const start = match.index;
    // Each ends at the first closing brace back at its own four-space indentation.
    const end = source.indexOf('\n    }', start + 1);
    const body = source.slice(start, end > start ? end : undefined);
    const uri = uris.filter((entry) => entry.at < start).at(-1)?.uri;
    const method = /method: "(\w+)"/.exec(body)?.[1];
    if (!uri || !method) continue;
    const wire = new Map([...body.matchAll(/data\["([^"]+)"\] = [^;]*?params(?:\["(\w+)"\]|\.(\w+))/g)].map((found) => [found[2] ?? found[3]!, found[1]!]));
    const thrown = [...body.matchAll(/Required parameter \\"params\['(\w+)'\]\\" missing/g)].map((found) => wire.get(found[1]!) ?? found[1]!);
    const entry = requests.get(key(method, `${API_PREFIX}${uri}`)) ?? { names: new Set<string>(), required: new Set<string>() };
    for (const name of wire.values()) entry.names.add(name);
    for (const name of thrown) entry.required.add(name);
    requests.set(key(method, `${API_PREFIX}${uri}`), entry);
  }
}

beforeAll(() => {
  // twilio's Api v2010 resources, generated from Twilio's OpenAPI description of that API.
  for (const file of files(join(vendorPackageDirectory('twilio', import.meta.url), 'lib/rest/api/v2010'))) readResource(readFileSync(file, 'utf8'));
});

const operations = Object.entries(TwilioModule.operations);
const pathParameters = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
/** `AccountSid` in every path comes from the connection (`connectionParams`), never from input. */
const inputPathParameters = (path: string) => pathParameters(path).filter((name) => name !== 'AccountSid');
const sdkRequest = (method: string, path: string) => requests.get(key(method, path));

describe('Twilio operations against the official SDK (twilio@6.3.1)', () => {
  it('reads requests, wire names and required parameters out of the SDK', () => {
    const create = sdkRequest('POST', '/2010-04-01/Accounts/{AccountSid}/Messages.json');
    expect(create?.required).toEqual(new Set(['To']));
    expect(create?.names.has('MessagingServiceSid')).toBe(true);
    expect(sdkRequest('GET', '/2010-04-01/Accounts/{AccountSid}/Messages.json')?.names.has('DateSent<')).toBe(true);
    expect(sdkRequest('PUT', '/2010-04-01/Accounts/{AccountSid}/Messages.json')).toBeUndefined();
  });

  it.each(operations)('%s exists in the SDK with the same method and path', (_id, operation) => {
    expect(sdkRequest(operation.http!.method, operation.http!.path)).toBeDefined();
  });

  it.each(operations)('%s requires exactly what the SDK requires', (_id, operation) => {
    const request = sdkRequest(operation.http!.method, operation.http!.path)!;
    expect(operationFields(operation).required).toEqual(new Set([...request.required, ...inputPathParameters(operation.http!.path)]));
  });

  it.each(operations)('%s names only parameters the SDK sends', (_id, operation) => {
    const request = sdkRequest(operation.http!.method, operation.http!.path)!;
    const names = new Set([...request.names, ...inputPathParameters(operation.http!.path)]);
    expect([...operationFields(operation).names].filter((name) => !names.has(name))).toEqual([]);
  });
});
