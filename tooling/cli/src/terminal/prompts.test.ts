import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../cli-binary.test-helper.js';
import { main } from '../main.js';
import { createProgress } from './progress.js';

let root: string;

beforeAll(async () => {
  root = await temporaryDirectory('prompts');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A terminal that types the next answer each time a question ends with `: `. */
function terminal(answers: string[]) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const questions: string[] = [];
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString();
      if (text.endsWith(': ')) {
        questions.push(text);
        const answer = answers.shift();
        setImmediate(() => stdin.write(`${answer ?? ''}\n`));
      }
      done();
    },
  });
  return { stdin, stderr, questions };
}

function sink() {
  let text = '';
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    }),
    text: () => text,
  };
}

describe('patchbay new in a terminal', () => {
  it('asks for what no flag gave, with defaults', async () => {
    const directory = path.join(root, 'weather');
    const { stdin, stderr, questions } = terminal(['Weather Now', '', 'basic', 'https://api.weather.test', 'forecast.get=GET /forecast/{city}', 'alerts.list=GET /alerts', '']);
    const stdout = sink();
    const code = await main(['new', 'weather', '--dir', directory], { stdin, stdout: stdout.stream, stderr, cwd: root });
    expect(code).toBe(0);
    expect(questions).toEqual([
      'Display name (Weather): ',
      'Description (The Weather Now API as a Patchbay connector.): ',
      'Auth (oauth2/api_key/bearer/basic/none) (bearer): ',
      'Base URL (https://api.weather.com): ',
      "Operation as 'id=METHOD /path': ",
      "Operation as 'id=METHOD /path' (empty to finish): ",
      "Operation as 'id=METHOD /path' (empty to finish): ",
    ]);
    const operations = await readFile(path.join(directory, 'src', 'operations.ts'), 'utf8');
    expect(operations).toContain("http: { method: 'GET', path: '/forecast/{city}' }");
    expect(operations).toContain("'alerts.list'");
    const module = await readFile(path.join(directory, 'src', 'weather-module.ts'), 'utf8');
    expect(module).toContain("displayName: 'Weather Now'");
    expect(module).toContain("description: 'The Weather Now API as a Patchbay connector.'");
    expect(await readFile(path.join(directory, 'src', 'auth.ts'), 'utf8')).toContain("environment: { username: 'WEATHER_USERNAME', password: 'WEATHER_PASSWORD' }");
    expect(stdout.text()).toContain('Created @patchbay/connector-weather');
  });

  it('asks nothing with --yes', async () => {
    const { stdin, stderr, questions } = terminal([]);
    const stdout = sink();
    const code = await main(['new', 'quiet', '--dir', path.join(root, 'quiet'), '--yes', '--operation', 'ping=GET /ping'], { stdin, stdout: stdout.stream, stderr, cwd: root });
    expect(code).toBe(0);
    expect(questions).toEqual([]);
  });
});

describe('progress', () => {
  it('draws on a terminal and stays quiet elsewhere', () => {
    const drawn = sink();
    const previous = process.env.CI;
    delete process.env.CI;
    try {
      const progress = createProgress(Object.assign(drawn.stream, { isTTY: true }));
      progress.update('converting operations', 10, 10);
      progress.done('done');
    } finally {
      if (previous !== undefined) process.env.CI = previous;
    }
    expect(drawn.text()).toContain('converting operations 10/10 (100%)');
    const quiet = sink();
    const progress = createProgress(quiet.stream);
    progress.update('converting operations', 10, 10);
    progress.done('done');
    expect(quiet.text()).toBe('');
  });
});
