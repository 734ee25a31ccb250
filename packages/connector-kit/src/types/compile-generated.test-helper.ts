import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

// Test-only: compiles generated operation types together with app files, strict, in one program
// (one start of the compiler), and returns each app file's messages.

export async function compileWithGeneratedTypes(directory: string, source: string, apps: Record<string, string>): Promise<Record<string, string[]>> {
  await writeFile(path.join(directory, 'operation-types.ts'), source);
  for (const [name, text] of Object.entries(apps)) await writeFile(path.join(directory, name), text);
  const program = ts.createProgram(
    Object.keys(apps).map((name) => path.join(directory, name)),
    {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es5.d.ts'],
      types: [],
    },
  );
  const diagnostics: Record<string, string[]> = {};
  for (const name of Object.keys(apps)) {
    const file = program.getSourceFile(path.join(directory, name));
    diagnostics[name] = ts.getPreEmitDiagnostics(program, file).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
  return diagnostics;
}
