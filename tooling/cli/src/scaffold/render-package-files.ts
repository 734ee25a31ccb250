import type { ConnectorPlan } from './connector-plan.js';
import type { PackageLocation } from './package-location.js';

export function packageName(plan: ConnectorPlan): string {
  return `@patchbay/connector-${plan.name}`;
}

/** package.json: the `patchbay` field is what discovery reads; scripts match every connector's. */
export function renderPackageJson(plan: ConnectorPlan, exportName: string, location: PackageLocation): string {
  const manifest = {
    name: packageName(plan),
    version: '0.0.0',
    description: `Patchbay connector for ${plan.displayName}`,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    keywords: ['patchbay-connector', plan.name],
    engines: { node: '>=20.19' },
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './catalog.json': './dist/catalog.json',
      './package.json': './package.json',
    },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist', '!dist/**/*.test.*'],
    patchbay: { connector: plan.name, module: './dist/index.js', export: exportName, catalog: './dist/catalog.json' },
    publishConfig: { access: 'public' },
    scripts: { build: 'tsup && patchbay catalog', test: 'vitest run', lint: 'eslint src', typecheck: 'tsc --noEmit' },
    dependencies: { '@patchbay/contract': location.ranges.contract, '@patchbay/runtime': location.ranges.runtime },
    devDependencies: {
      '@patchbay/cli': location.ranges.cli,
      '@types/node': location.toolVersions['@types/node'],
      tsup: location.toolVersions.tsup,
      typescript: location.toolVersions.typescript,
      vitest: location.toolVersions.vitest,
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Inside the monorepo the package extends the shared base; outside it carries the same options. */
export function renderTsconfig(location: PackageLocation): string {
  if (location.monorepoRoot) return `{\n  "extends": "../../tsconfig.base.json",\n  "include": ["src"]\n}\n`;
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    strict: true,
    ignoreDeprecations: '6.0',
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    esModuleInterop: true,
    skipLibCheck: true,
    declaration: true,
    sourceMap: true,
    resolveJsonModule: true,
    forceConsistentCasingInFileNames: true,
  };
  return `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`;
}

export const TSUP_CONFIG = `import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
`;

export const VITEST_CONFIG = `import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: { reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]], include: ['src/**/*.test.ts'], testTimeout: 0, hookTimeout: 0 },
});
`;

export function renderChangeset(plan: ConnectorPlan): string {
  return `---\n"${packageName(plan)}": minor\n---\n\nNew connector for ${plan.displayName}: ${plan.operations.length} operation${plan.operations.length === 1 ? '' : 's'}, ${plan.auth.strategy} auth, discovered by the runtime with no further wiring.\n`;
}
