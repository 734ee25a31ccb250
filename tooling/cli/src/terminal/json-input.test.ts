import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonFile, readJsonFlag } from './json-input.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'patchbay-json-input-'));
  await writeFile(path.join(folder, 'good.json'), '{ "id": 1 }');
  await writeFile(path.join(folder, 'bad.json'), '{ "id": ');
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('readJsonFlag', () => {
  it('reads inline JSON and @file', async () => {
    expect(await readJsonFlag('{"id":2}', '--input', folder)).toEqual({ id: 2 });
    expect(await readJsonFlag('@good.json', '--input', folder)).toEqual({ id: 1 });
    expect(await readJsonFlag(undefined, '--input', folder)).toBeUndefined();
  });

  it('names malformed JSON as such, with the parser’s reason, as a usage error', async () => {
    await expect(readJsonFlag('{bad', '--input', folder)).rejects.toMatchObject({ code: 'INVALID_JSON', exitCode: 2, message: expect.stringMatching(/^--input is not valid JSON: .+/) });
    await expect(readJsonFlag('@bad.json', '--input', folder)).rejects.toMatchObject({
      code: 'INVALID_JSON',
      exitCode: 2,
      message: `--input @bad.json: ${path.join(folder, 'bad.json')} is not valid JSON: ${errorOf('{ "id": ')}`,
    });
    await expect(readJsonFlag('@missing.json', '--credentials', folder)).rejects.toMatchObject({ code: 'USAGE', message: `--credentials: cannot read ${path.join(folder, 'missing.json')}: ENOENT` });
  });
});

describe('readJsonFile', () => {
  it('reads a file, tells a missing one apart, and names a malformed one', async () => {
    expect(await readJsonFile(path.join(folder, 'good.json'))).toEqual({ id: 1 });
    expect(await readJsonFile(path.join(folder, 'missing.json'))).toBeUndefined();
    await expect(readJsonFile(path.join(folder, 'bad.json'))).rejects.toMatchObject({ code: 'INVALID_JSON', exitCode: 1, message: expect.stringContaining('bad.json is not valid JSON: ') });
  });
});

function errorOf(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected malformed JSON');
}
