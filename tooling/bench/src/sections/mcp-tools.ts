import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from '@patchbay/mcp';
import { IntegrationManager } from '@patchbay/runtime';
import { repeated, settledMemory } from '../load.js';
import { table } from '../markdown.js';
import { progress, runSection } from '../run-section.js';
import type { SectionResult, Target } from '../section-result.js';
import { formatSpread, pairwise, spread } from '../stats.js';
import { wideModule } from '../wide-connector.js';

const REPEATS = 5;
const OPERATIONS = 1_200;
const PAGE_SIZE = 100;
const TARGET_MS = 250;

interface Repeat {
  listMs: number;
  warmListMs: number;
  clientListMs: number;
  pages: number;
  tools: number;
  listBytes: number;
  heapBytes: number;
  baselineMs: number;
  baselineBytes: number;
  baselineHeapBytes: number;
}

const module = wideModule(OPERATIONS);

/**
 * Every page of tools/list through the SDK's own Client and protocol (each result parsed against the
 * SDK's schema). `listTools()` itself also compiles an ajv validator per output schema on the
 * client, which is the client's cost, timed apart.
 */
async function listAll(client: Client, compileValidators: boolean): Promise<{ pages: number; tools: number; bytes: number }> {
  let cursor: string | undefined;
  let pages = 0;
  let tools = 0;
  let bytes = 0;
  do {
    const params = cursor === undefined ? {} : { cursor };
    const page = compileValidators ? await client.listTools(params) : await client.request({ method: 'tools/list', params }, ListToolsResultSchema);
    pages += 1;
    tools += page.tools.length;
    bytes += JSON.stringify(page).length;
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages <= OPERATIONS);
  return { pages, tools, bytes };
}

runSection(async () => {
  progress(`MCP tools/list of a ${OPERATIONS.toLocaleString('en-US')}-operation connector: warm-up + ${REPEATS} repeats`);
  const repeats = await repeated<Repeat>(REPEATS, async () => {
    const manager = await IntegrationManager.create({ modules: [module] });
    await manager.connect({ id: 'wide-enterprise', connector: 'wide', credentials: { token: 'bench-token' } });

    // Baseline: what handing the catalog over as it is would cost, kept alive like the server's tools.
    let before = settledMemory();
    let started = performance.now();
    const serialized = JSON.stringify(manager.catalog('wide'));
    const baselineMs = performance.now() - started;
    const baselineHeapBytes = settledMemory() - before;

    before = settledMemory();
    const server = createMcpServer({ manager, pageSize: PAGE_SIZE });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'bench', version: '0.0.0' });
    await client.connect(clientSide);
    started = performance.now();
    const listed = await listAll(client, false);
    const listMs = performance.now() - started;
    const heapBytes = settledMemory() - before;
    started = performance.now();
    await listAll(client, false);
    const warmListMs = performance.now() - started;
    started = performance.now();
    await listAll(client, true);
    const clientListMs = performance.now() - started;

    await client.close();
    await server.close();
    await manager.close();
    return { listMs, warmListMs, clientListMs, pages: listed.pages, tools: listed.tools, listBytes: listed.bytes, heapBytes, baselineMs, baselineBytes: serialized.length, baselineHeapBytes };
  });
  if (repeats.some((repeat) => repeat.tools !== OPERATIONS)) throw new Error(`tools/list returned ${repeats.map((r) => r.tools).join('/')} tools, not ${OPERATIONS}`);

  const list = spread(repeats.map((repeat) => repeat.listMs));
  const warm = spread(repeats.map((repeat) => repeat.warmListMs));
  const clientList = spread(repeats.map((repeat) => repeat.clientListMs));
  const baseline = spread(repeats.map((repeat) => repeat.baselineMs));
  const ratio = spread(pairwise(repeats.map((r) => r.listMs), repeats.map((r) => r.baselineMs), (x, y) => x / y));
  const heap = spread(repeats.map((repeat) => repeat.heapBytes / 2 ** 20));
  const baselineHeap = spread(repeats.map((repeat) => repeat.baselineHeapBytes / 2 ** 20));
  const first = repeats[0]!;
  const targets: Target[] = [
    { name: `MCP tools/list of ${OPERATIONS.toLocaleString('en-US')} operations, all ${first.pages} pages, first listing`, goal: `< ${TARGET_MS} ms`, measured: formatSpread(list, 1, ' ms'), met: list.median < TARGET_MS },
  ];
  const body = [
    `One connection to an in-process connector with ${OPERATIONS.toLocaleString('en-US')} operations declared as data on ` +
      '`BaseAPIClient.define` (http definitions, inputs with `$ref`s into `$defs`, array and object outputs, paged list reads, ids ' +
      'long enough that some tool names need a hash). `createMcpServer({ manager, pageSize: 100 })` serves it to the SDK\'s own ' +
      '`Client` over the SDK\'s in-memory transport; the timed step reads every page of `tools/list` on a fresh server (names, ' +
      'descriptions, annotations, `$ref`s inlined, output schemas wrapped), then again on the same server (warm). The SDK Client\'s ' +
      '`listTools()` also compiles an ajv validator for every output schema it receives; that client-side cost has its own ' +
      'column. Memory is heap plus ArrayBuffers after a forced GC, with the server, client and manager still referenced, against before the server was ' +
      'created. The baseline is `JSON.stringify` of the connector\'s catalog, which holds the same operations and schemas.',
    '',
    table(
      ['operations', 'pages', 'tools/list, first', 'tools/list, warm', 'SDK `Client.listTools()`, all pages', '`JSON.stringify(catalog)`', 'ratio', 'memory growth', 'baseline memory', 'bytes listed / catalog bytes'],
      [[
        OPERATIONS.toLocaleString('en-US'),
        `${first.pages}`,
        formatSpread(list, 1, ' ms'),
        formatSpread(warm, 1, ' ms'),
        formatSpread(clientList, 1, ' ms'),
        formatSpread(baseline, 2, ' ms'),
        formatSpread(ratio, 1, 'x'),
        formatSpread(heap, 2, ' MB'),
        formatSpread(baselineHeap, 2, ' MB'),
        `${(first.listBytes / 2 ** 20).toFixed(2)} MB / ${(first.baselineBytes / 2 ** 20).toFixed(2)} MB`,
      ]],
    ),
  ].join('\n');
  return { title: 'MCP tools/list of a 1,200-operation connector', body, targets } satisfies SectionResult;
});
