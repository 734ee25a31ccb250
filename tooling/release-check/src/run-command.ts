import { execFile } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
}

export interface RunCommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Every command is bounded; the default suits an install or a build. */
  timeoutMs?: number;
}

/** Runs a program to completion; a failure carries the command, its exit code and its output. */
export function runCommand(file: string, args: string[], options: RunCommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 180_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${file} ${args.join(' ')} (in ${options.cwd}) failed: ${error.message}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

/**
 * The environment for a child package manager: this process's, without the `npm_*`, `pnpm_*` and
 * turbo variables the test runner inherited from `pnpm test` or turbo, which would otherwise
 * override the registry settings under test.
 */
export function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|turbo_)/i.test(key)) continue;
    environment[key] = value;
  }
  return { ...environment, ...extra };
}
