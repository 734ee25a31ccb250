import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI_DIRECTORY,
  createApp,
  expectHandlerFree,
  linkToolchain,
  npmRun,
  patchbay,
  startStandIn,
  temporaryDirectory,
  type StandIn,
} from './cli-binary.test-helper.js';

const GITHUB_CONNECTOR = path.resolve(CLI_DIRECTORY, '..', '..', 'connectors', 'github');

// One connector is scaffolded from flags, then built, tested, validated, installed and run, in
// order, the way a connector author and then an app developer would.
let root: string;
let connector: string;
let app: string;
let standIn: StandIn;

beforeAll(async () => {
  root = await temporaryDirectory('new');
  connector = path.join(root, 'acme-crm');
  app = path.join(root, 'app');
  standIn = await startStandIn((request) =>
    request.path.startsWith('/v2/contacts/missing') ? { status: 404, body: { message: 'Contact not found' } } : { status: 200, body: { id: 'c-1', name: 'Ada' } },
  );
});

afterAll(async () => {
  await standIn.close();
  await rm(root, { recursive: true, force: true });
});

describe('patchbay new from flags, then build, test, validate, list and run', () => {
  it('scaffolds the same files as connectors/github', async () => {
    const ran = await patchbay(
      [
        'new', 'acme-crm', '--dir', connector, '--yes', '--auth', 'api_key', '--api-key-name', 'X-Acme-Key',
        '--base-url', 'https://api.acme.test/v2', '--display-name', 'Acme CRM', '--description', 'Contacts in Acme CRM.',
        '--operation', 'contacts.get=GET /contacts/{contact_id}', '--operation', 'contacts.create=POST /contacts',
        '--operation', 'contacts.archive=POST /contacts/{contact_id}/archive',
      ],
      { cwd: root },
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Created @patchbay/connector-acme-crm');
    // The pattern files of connectors/github (which may hold more, e.g. webhooks), one for one.
    const files = (await readdir(path.join(connector, 'src'))).sort();
    expect(files).toEqual([
      'acme-crm-client.test.ts', 'acme-crm-error.ts', 'acme-crm-module.test.ts', 'acme-crm-module.ts',
      'auth.ts', 'index.ts', 'operation-types.ts', 'operations.ts', 'version.ts',
    ]);
    const githubFiles = await readdir(path.join(GITHUB_CONNECTOR, 'src'));
    for (const file of files) expect(githubFiles).toContain(file.replace('acme-crm', 'github'));
    expect((await readdir(connector)).sort()).toEqual(['README.md', 'package.json', 'src', 'tsconfig.json', 'vitest.config.ts']);

    const manifest = JSON.parse(await readFile(path.join(connector, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const github = JSON.parse(await readFile(path.join(GITHUB_CONNECTOR, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(manifest.scripts).toEqual(github.scripts);
    expect(manifest.patchbay).toEqual({
      connector: 'acme-crm',
      module: './dist/index.js',
      export: 'AcmeCrmModule',
      catalog: './dist/catalog.json',
      index: './dist/catalog-index.json',
    });
    // Outside the monorepo the package depends on published ranges, not workspace: ones.
    expect(manifest.dependencies!['@patchbay/runtime']).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(Object.keys(manifest.devDependencies!).sort()).toEqual(['@patchbay/connector-kit', '@types/node', 'typescript', 'vitest']);
    expect(manifest.devDependencies!['@patchbay/connector-kit']).toMatch(/^\^\d+\.\d+\.\d+$/);
    for (const file of ['vitest.config.ts', 'src/version.ts']) {
      expect(await readFile(path.join(connector, file), 'utf8'), file).toBe(await readFile(path.join(GITHUB_CONNECTOR, file), 'utf8'));
    }
    const githubModuleTest = await readFile(path.join(GITHUB_CONNECTOR, 'src', 'github-module.test.ts'), 'utf8');
    // The same test, except that a package with nothing recorded yet does not require a fixture per operation.
    const scaffoldedModuleTest = githubModuleTest.replaceAll('GithubModule', 'AcmeCrmModule').replace("import.meta.url));", "import.meta.url), { requireFixtures: false });");
    expect(await readFile(path.join(connector, 'src', 'acme-crm-module.test.ts'), 'utf8')).toBe(scaffoldedModuleTest);
    const moduleSource = await readFile(path.join(connector, 'src', 'acme-crm-module.ts'), 'utf8');
    expect(moduleSource).toContain('export class AcmeCrmClient extends BaseAPIClient.define({');
    expect(moduleSource).toContain('export const AcmeCrmModule = AcmeCrmClient.toConnectorModule({');
    expect(await readFile(path.join(connector, 'src', 'index.ts'), 'utf8')).toMatch(/\nexport type \* from '\.\/operation-types\.js';\n$/);
    const operations = await readFile(path.join(connector, 'src', 'operations.ts'), 'utf8');
    expect(operations).toContain("http: { method: 'POST', path: '/contacts' },");
    // A body method takes fields until its schema lists them; a GET only what its schema names.
    expect(operations).toMatch(/'contacts\.create': \{[^]*?inputSchema: \{ type: 'object', additionalProperties: true, properties: \{\} \}/);
    expect(operations).toMatch(/'contacts\.get': \{[^]*?inputSchema: \{[^}]*additionalProperties: false/);
    const auth = await readFile(path.join(connector, 'src', 'auth.ts'), 'utf8');
    expect(auth).toContain("name: 'X-Acme-Key'");
    expect(auth).toContain("environment: { apiKey: 'ACME_CRM_API_KEY' }");
  });

  it('type-checks before its first build, then builds with the kit, finding the operation types it was scaffolded with current', async () => {
    await linkToolchain(connector);
    const typesPath = path.join(connector, 'src', 'operation-types.ts');
    const scaffoldedTypes = await readFile(typesPath, 'utf8');
    const typechecked = await npmRun(connector, 'typecheck');
    expect(typechecked.code, typechecked.stdout + typechecked.stderr).toBe(0);
    // The helper runs every command with CI set, where a stale types file fails the build.
    const built = await npmRun(connector, 'build');
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(await readFile(typesPath, 'utf8')).toBe(scaffoldedTypes);
    const catalog = JSON.parse(await readFile(path.join(connector, 'dist', 'catalog.json'), 'utf8')) as { operations: Record<string, unknown> };
    expect(Object.keys(catalog.operations)).toEqual(['contacts.get', 'contacts.create', 'contacts.archive']);
    const readme = await readFile(path.join(connector, 'README.md'), 'utf8');
    expect(readme).toContain('| `contacts.get` | action | `GET /contacts/{contact_id}` | `contact_id` | idempotent |');
  }, 300_000);

  it('needs no handler: every operation is sent from its http definition', async () => {
    const module = await expectHandlerFree(connector, 'AcmeCrmModule');
    expect(Object.values(module.operations).map((operation) => operation.http)).toEqual([
      { method: 'GET', path: '/contacts/{contact_id}' },
      { method: 'POST', path: '/contacts' },
      { method: 'POST', path: '/contacts/{contact_id}/archive' },
    ]);
  });

  it('passes its own generated tests, one of them sending a field in the body', async () => {
    const tested = await npmRun(connector, 'test');
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/Tests\s+10 passed/);
    const clientTest = await readFile(path.join(connector, 'src', 'acme-crm-client.test.ts'), 'utf8');
    expect(clientTest).toContain("connector.manager.execute('acme-crm', 'contacts.create', { name: 'sample' })");
    expect(clientTest).toContain("expect(request.json).toEqual({ name: 'sample' });");
  }, 300_000);

  it('validates', async () => {
    const ran = await patchbay(['validate', connector], { cwd: root });
    expect(ran.stdout).toBe('acme-crm: ok\n');
    expect(ran.code).toBe(0);
  });

  it('is discovered by an app that installs it, with no further wiring', async () => {
    await createApp(app, { '@patchbay/connector-acme-crm': connector });
    const listed = await patchbay(['list', '--json'], { cwd: app });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      connectors: [
        {
          id: 'acme-crm',
          package: '@patchbay/connector-acme-crm',
          version: '0.0.0',
          displayName: 'Acme CRM',
          description: 'Contacts in Acme CRM.',
          operations: ['contacts.get', 'contacts.create', 'contacts.archive'],
        },
      ],
      problems: [],
    });
    const text = await patchbay(['list'], { cwd: app });
    expect(text.stdout).toContain('acme-crm  @patchbay/connector-acme-crm@0.0.0  Acme CRM  (3 operations)');
  });

  it('runs an operation against a stand-in, with the key from the environment', async () => {
    standIn.requests.length = 0;
    const ran = await patchbay(['run', 'acme-crm', 'contacts.get', '--input', '{"contact_id":"c 1"}', '--base-url', `${standIn.url}/v2`], {
      cwd: app,
      env: { ACME_CRM_API_KEY: 'key-from-env' },
    });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({ id: 'c-1', name: 'Ada' });
    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0]).toMatchObject({ method: 'GET', path: '/v2/contacts/c%201', body: '' });
    expect(standIn.requests[0]!.headers['x-acme-key']).toBe('key-from-env');
    expect(standIn.requests[0]!.headers['user-agent']).toMatch(/^patchbay-connector-acme-crm\//);
  });

  it('sends the fields of a body operation scaffolded from a flag', async () => {
    standIn.requests.length = 0;
    const ran = await patchbay(['run', 'acme-crm', 'contacts.create', '--input', '{"name":"Ada","tags":["vip"]}', '--base-url', `${standIn.url}/v2`], {
      cwd: app,
      env: { ACME_CRM_API_KEY: 'key-from-env' },
    });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0]).toMatchObject({ method: 'POST', path: '/v2/contacts', query: {} });
    expect(JSON.parse(standIn.requests[0]!.body)).toEqual({ name: 'Ada', tags: ['vip'] });
  });

  it('takes input and credentials from files, prints the whole result with --json, and exits 1 when not ok', async () => {
    standIn.requests.length = 0;
    await writeFile(path.join(app, 'input.json'), '{ "contact_id": "missing" }');
    await writeFile(path.join(app, 'credentials.json'), '{ "apiKey": "key-from-file" }');
    const ran = await patchbay(
      ['run', 'acme-crm', 'contacts.archive', '--input', '@input.json', '--credentials', '@credentials.json', '--base-url', `${standIn.url}/v2`, '--json'],
      { cwd: app, env: { ACME_CRM_API_KEY: 'key-from-env' } },
    );
    expect(ran.code).toBe(1);
    expect(JSON.parse(ran.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, message: expect.stringContaining('Contact not found') } });
    expect(standIn.requests[0]).toMatchObject({ method: 'POST', path: '/v2/contacts/missing/archive' });
    expect(standIn.requests[0]!.headers['x-acme-key']).toBe('key-from-file');
  });

  it('uses a connection of patchbay.connections.json', async () => {
    standIn.requests.length = 0;
    await writeFile(
      path.join(app, 'patchbay.connections.json'),
      JSON.stringify({ 'acme-prod': { connector: 'acme-crm', credentials: { apiKey: 'key-from-connection' }, config: { baseUrl: `${standIn.url}/v2` } } }),
    );
    const ran = await patchbay(['run', 'acme-prod', 'contacts.get', '--input', '{"contact_id":"c1"}'], { cwd: app });
    expect(ran.code).toBe(0);
    expect(standIn.requests[0]!.headers['x-acme-key']).toBe('key-from-connection');
  });

  it('runs an operation from inside the connector package itself, and says when it is not built', async () => {
    standIn.requests.length = 0;
    const ran = await patchbay(['run', 'acme-crm', 'contacts.get', '--input', '{"contact_id":"c2"}', '--base-url', `${standIn.url}/v2`], {
      cwd: connector,
      env: { ACME_CRM_API_KEY: 'key-from-env' },
    });
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(standIn.requests[0]).toMatchObject({ method: 'GET', path: '/v2/contacts/c2' });

    const unbuilt = path.join(root, 'unbuilt');
    await mkdir(unbuilt);
    await writeFile(path.join(unbuilt, 'package.json'), JSON.stringify({ name: '@acme/unbuilt', version: '1.0.0', patchbay: { connector: 'unbuilt', module: './dist/index.js', export: 'UnbuiltModule', catalog: './dist/catalog.json' } }));
    const failed = await patchbay(['run', 'unbuilt', 'x.y'], { cwd: unbuilt });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^patchbay run: @acme\/unbuilt in .*unbuilt cannot be loaded \(.*\); build it first\n$/);
  });

  it('explains every mistake in one line, exiting 2 for a wrong command line and 1 for failed work, sending nothing', async () => {
    standIn.requests.length = 0;
    const env = { ACME_CRM_API_KEY: 'k' };
    const runFlags = '--input <value>, --credentials <value>, --base-url <value>, --json, --help';
    const cases: [string[], number, RegExp][] = [
      [['run', 'nope', 'x.y'], 1, /^patchbay run: No connector "nope"; available: acme-crm\n$/],
      [['run', 'acme-crm', 'contacts.get', '--input', '{bad'], 2, /^patchbay run: --input is not valid JSON: .*JSON.*\n$/],
      [['run', 'acme-crm', 'contacts.get', '--input', '@bad.json'], 2, /^patchbay run: --input @bad\.json: .*bad\.json is not valid JSON: /],
      [['run', 'acme-crm', 'contacts.get', '--input', '[1]'], 2, /^patchbay run: --input must be a JSON object, got an array\n$/],
      [['run', 'acme-crm', 'contacts.get', '--input', '@nowhere.json'], 2, /^patchbay run: --input: cannot read .*nowhere\.json: ENOENT\n$/],
      [
        ['run', 'acme-crm', 'contacts.get', '--input', '{"contact_id":"","extra":1}', '--base-url', standIn.url],
        1,
        /^patchbay run: VALIDATION_FAILED: input of contacts.get is invalid \(nothing was sent\): \/extra is not an allowed property; \/contact_id must NOT have fewer than 1 characters\n$/,
      ],
      [['run', 'acme-crm', 'contacts.nothing'], 1, /^patchbay run: UNKNOWN_OPERATION: Connector "acme-crm" has no operation "contacts.nothing"\n$/],
      [['run', 'acme-crm', 'contacts.get', '--bogus'], 2, new RegExp(`^patchbay run: unknown flag --bogus; valid flags for patchbay run: ${runFlags.replace(/[<>]/g, '.')}\\n$`)],
      [['run', 'acme-crm', 'contacts.get', '--inptu', '{}'], 2, /^patchbay run: unknown flag --inptu \(did you mean --input\?\); valid flags/],
      [['run', 'acme-crm', 'contacts.get', '--input'], 2, /^patchbay run: --input needs a value; valid flags for patchbay run: /],
      [['validate', '--json=yes'], 2, /^patchbay validate: --json takes no value; valid flags for patchbay validate: --json, --help\n$/],
      [['list', 'extra'], 2, /^patchbay list: unexpected argument "extra": patchbay list takes only flags; valid flags for patchbay list: --json, --help\n$/],
      [['new', 'Bad Name', '--yes'], 2, /^patchbay new: connector name "Bad Name" must be lowercase letters, digits and dashes\n$/],
      [['new', 'ok-name', '--dir', connector, '--yes', '--operation', 'a.b=GET /a'], 1, /already exists and is not empty\n$/],
      [['new', 'ok-name', '--yes', '--auth', 'magic', '--operation', 'a.b=GET /a', '--dir', path.join(root, 'x')], 2, /^patchbay new: --auth must be one of oauth2, api_key, bearer, basic, none, got "magic"\n$/],
      [['new', 'ok-name', '--yes', '--operation', 'create it', '--dir', path.join(root, 'x')], 1, /^patchbay new: --operation "create it" must look like/],
      [['new', 'ok-name', '--yes', '--dir', path.join(root, 'x')], 1, /^patchbay new: give at least one --operation/],
      [['validate', app], 1, /^$/],
      [['frobnicate'], 2, /^patchbay: unknown command "frobnicate"; commands: new, update, catalog, validate, list, diff, release-gate, record, run, mcp\n/],
    ];
    await writeFile(path.join(app, 'bad.json'), '{ "contact_id": ');
    for (const [args, code, expected] of cases) {
      const ran = await patchbay(args, { cwd: app, env });
      expect(ran.code, args.join(' ')).toBe(code);
      expect(ran.stderr, args.join(' ')).toMatch(expected);
      expect(ran.stderr, args.join(' ')).not.toMatch(/ERR_PARSE_ARGS|To specify a positional argument|JSON Schema/);
    }
    expect(standIn.requests).toHaveLength(0);
  }, 120_000);

  it('prints one JSON document on stdout with --json, for results and for failures alike', async () => {
    standIn.requests.length = 0;
    const env = { ACME_CRM_API_KEY: 'key-from-env' };
    const json = async (args: string[], code: number, cwd = app) => {
      const ran = await patchbay(args, { cwd, env });
      expect(ran.code, args.join(' ')).toBe(code);
      expect(ran.stderr, args.join(' ')).toBe('');
      return JSON.parse(ran.stdout) as Record<string, unknown>;
    };
    expect(await json(['--version', '--json'], 0)).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(await json(['validate', connector, '--json'], 0)).toEqual({ ok: true, packages: [{ directory: path.relative(app, connector), ok: true, violations: [] }] });
    expect(await json(['validate', app, '--json'], 1)).toEqual({ ok: false, packages: [{ directory: '.', ok: false, violations: [{ file: 'package.json', message: 'no "patchbay" field' }] }] });
    expect(await json(['list', '--json'], 0)).toMatchObject({ connectors: [{ id: 'acme-crm' }], problems: [] });
    expect(await json(['run', 'acme-crm', 'contacts.get', '--input', '{"contact_id":"c1"}', '--base-url', `${standIn.url}/v2`, '--json'], 0)).toMatchObject({
      ok: true,
      data: { id: 'c-1', name: 'Ada' },
      meta: { operation: 'contacts.get', attempts: 1 },
    });
    expect(await json(['catalog', connector, '--json'], 0)).toEqual({ package: '@patchbay/connector-acme-crm', operations: 3, typesChanged: false });
    const catalogFile = path.join(connector, 'dist', 'catalog.json');
    expect(await json(['diff', connector, '--against', catalogFile, '--json'], 0)).toMatchObject({ package: '@patchbay/connector-acme-crm', required: 'none', changes: [] });
    const created = await json(['new', 'json-made', '--dir', path.join(root, 'json-made'), '--yes', '--auth', 'none', '--operation', 'ping=GET /ping', '--json'], 0, root);
    expect(created).toMatchObject({ package: '@patchbay/connector-json-made', connector: 'json-made', directory: 'json-made', operations: 1, auth: 'none' });
    expect(created.files).toEqual(expect.arrayContaining(['json-made/package.json', 'json-made/src/json-made-module.ts']));

    // Failures: the same shape whatever failed, with the exit code a person would get.
    expect(await json(['run', 'acme-crm', 'contacts.get', '--bogus', '--json'], 2)).toEqual({ error: { code: 'USAGE', message: expect.stringMatching(/^unknown flag --bogus; valid flags/) } });
    expect(await json(['run', 'acme-crm', 'contacts.get', '--input', '{bad', '--json'], 2)).toEqual({ error: { code: 'INVALID_JSON', message: expect.stringMatching(/^--input is not valid JSON: /) } });
    expect(await json(['run', 'nope', 'x.y', '--json'], 1)).toEqual({ error: { code: 'CONNECTOR_NOT_FOUND', message: 'No connector "nope"; available: acme-crm' } });
    expect(await json(['frobnicate', '--json'], 2)).toMatchObject({ error: { code: 'USAGE' } });
    // An operation that fails is a result: the whole result, as without --json.
    expect(await json(['run', 'acme-crm', 'contacts.nothing', '--json'], 1)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect(standIn.requests).toHaveLength(1);
  });

  it('lists every violation of a broken package, file by file', async () => {
    const catalogFile = path.join(connector, 'dist', 'catalog.json');
    const catalogText = await readFile(catalogFile, 'utf8');
    const catalog = JSON.parse(catalogText) as { operations: Record<string, unknown> };
    delete catalog.operations['contacts.archive'];
    await writeFile(catalogFile, JSON.stringify(catalog, null, 2));
    const manifestFile = path.join(connector, 'package.json');
    const manifest = await readFile(manifestFile, 'utf8');
    await writeFile(manifestFile, manifest.replace('"patchbay-connector",', ''));
    const ran = await patchbay(['validate', connector, app], { cwd: root });
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe(
      [
        'acme-crm: 2 violations',
        '  acme-crm/package.json: keywords should include "patchbay-connector" so registries list it',
        "  acme-crm/dist/catalog.json: is out of date with the module; run the package's build",
        'app: 1 violation',
        '  app/package.json: no "patchbay" field',
        '',
      ].join('\n'),
    );
    await writeFile(manifestFile, manifest);
    await writeFile(catalogFile, catalogText);
    expect((await patchbay(['validate', connector], { cwd: root })).code).toBe(0);
    const listed = await patchbay(['list', '--json'], { cwd: app });
    expect(JSON.parse(listed.stdout).problems).toEqual([]);
  });

  it('uses workspace ranges and writes a changeset inside a Patchbay monorepo', async () => {
    const monorepo = path.join(root, 'monorepo');
    await mkdir(path.join(monorepo, 'packages', 'runtime'), { recursive: true });
    await mkdir(path.join(monorepo, '.changeset'), { recursive: true });
    await writeFile(path.join(monorepo, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n  - connectors/*\n');
    await writeFile(path.join(monorepo, 'packages', 'runtime', 'package.json'), '{ "name": "@patchbay/runtime", "version": "0.1.0" }\n');
    await writeFile(path.join(monorepo, '.changeset', 'config.json'), '{}\n');
    const ran = await patchbay(['new', 'in-repo', '--yes', '--auth', 'none', '--operation', 'ping=GET /ping'], { cwd: monorepo });
    expect(ran.stdout).toContain('Created @patchbay/connector-in-repo in connectors/in-repo: 1 operation, none auth');
    const manifest = JSON.parse(await readFile(path.join(monorepo, 'connectors', 'in-repo', 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(manifest.dependencies).toEqual({ '@patchbay/contract': 'workspace:^', '@patchbay/runtime': 'workspace:^' });
    expect(manifest.devDependencies!['@patchbay/connector-kit']).toBe('workspace:*');
    expect(await readFile(path.join(monorepo, 'connectors', 'in-repo', 'tsconfig.json'), 'utf8')).toContain('"extends": "../../tsconfig.base.json"');
    expect(await readFile(path.join(monorepo, '.changeset', 'connector-in-repo.md'), 'utf8')).toMatch(/^---\n"@patchbay\/connector-in-repo": minor\n---\n\nNew connector for In Repo: 1 operation/);
  });

  it('prints help for every command', async () => {
    for (const command of ['new', 'catalog', 'validate', 'list', 'run']) {
      const ran = await patchbay([command, '--help'], { cwd: root });
      expect(ran.code).toBe(0);
      expect(ran.stdout).toMatch(new RegExp(`^Usage: patchbay ${command}`));
    }
    const top = await patchbay(['--help'], { cwd: root });
    expect(top.stdout).toMatch(/new\s+scaffold a connector package/);
  });
});
