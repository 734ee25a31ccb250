import type { ConnectorPlan } from './connector-plan.js';
import type { PackageLocation } from './package-location.js';

export function packageName(plan: ConnectorPlan): string {
  return `@patchbay/connector-${plan.name}`;
}

/**
 * package.json: the `patchbay` field is what discovery reads; scripts match every connector's, the
 * build being the kit's (bundle, then catalog, README reference and operation types).
 */
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
    patchbay: { connector: plan.name, module: './dist/index.js', export: exportName, catalog: './dist/catalog.json', index: './dist/catalog-index.json' },
    publishConfig: { access: 'public' },
    scripts: { build: 'patchbay-connector build', test: 'vitest run', lint: 'eslint src', typecheck: 'tsc --noEmit' },
    dependencies: { '@patchbay/contract': location.ranges.contract, '@patchbay/runtime': location.ranges.runtime },
    devDependencies: {
      '@patchbay/connector-kit': location.ranges.connectorKit,
      '@types/node': location.toolVersions['@types/node'],
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

/** The configuration every connector shares: tests beside the code, the version injected as in the build. */
export const VITEST_CONFIG = `export { default } from '@patchbay/connector-kit/vitest-config';
`;

export function renderChangeset(plan: ConnectorPlan): string {
  return `---\n"${packageName(plan)}": minor\n---\n\nNew connector for ${plan.displayName}: ${plan.operations.length} operation${plan.operations.length === 1 ? '' : 's'}, ${plan.auth.strategy} auth, discovered by the runtime with no further wiring.\n`;
}
