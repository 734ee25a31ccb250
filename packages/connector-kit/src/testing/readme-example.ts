import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first TypeScript block under a README's `## Example` heading, or `undefined`. */
export function exampleCode(readme: string): string | undefined {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Example'));
  return section === undefined ? undefined : /```ts\n([\s\S]*?)```/.exec(section)?.[1];
}

/**
 * Type-checks a README's example the way an app would compile it: strict, with
 * `exactOptionalPropertyTypes` and `noUncheckedIndexedAccess`, `module: nodenext`, importing the
 * built package by its own name. Returns the compiler's messages; none means it compiles.
 */
export async function typecheckExample(packageRoot: URL, code: string): Promise<string[]> {
  // Loaded on use: only the package test needs the compiler, and apps never load this module.
  const { default: ts } = await import('typescript');
  const root = fileURLToPath(packageRoot);
  // Inside the package, so its own name and its dependencies resolve as they would for an app.
  const directory = path.join(root, 'node_modules', '.readme-example');
  const file = path.join(directory, 'example.ts');
  // The package itself is linked in as an app would have it installed, so the example imports it by name.
  const { name } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { name: string };
  const installed = path.join(directory, 'node_modules', name);
  await mkdir(path.dirname(installed), { recursive: true });
  await symlink(root, installed, 'dir');
  await writeFile(path.join(directory, 'package.json'), '{ "type": "module" }\n');
  await writeFile(file, `export {};\n${code}`);
  try {
    const program = ts.createProgram([file], {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts'],
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules', '@types')],
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
      // Line numbers of the README block: the file starts with one added line.
      const line = where === undefined ? '' : `line ${where.line}: `;
      return `${line}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
