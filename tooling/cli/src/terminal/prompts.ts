import { createInterface } from 'node:readline/promises';

/** Asks questions on a terminal; each answer falls back to its default when left empty. */
export interface Prompter {
  ask(question: string, fallback?: string): Promise<string>;
  /** Asks until an empty answer; returns every answer given. */
  askMany(question: string, fallback: string[]): Promise<string[]>;
  close(): void;
}

export function createPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  const readline = createInterface({ input, output });
  return {
    async ask(question, fallback) {
      const answer = (await readline.question(`${question}${fallback ? ` (${fallback})` : ''}: `)).trim();
      return answer || fallback || '';
    },
    async askMany(question, fallback) {
      const answers: string[] = [];
      for (let index = 0; index < 100; index++) {
        const answer = (await readline.question(`${question}${answers.length === 0 && fallback.length > 0 ? ` (${fallback.join(', ')})` : ''}${answers.length > 0 ? ' (empty to finish)' : ''}: `)).trim();
        if (!answer) break;
        answers.push(answer);
      }
      return answers.length > 0 ? answers : fallback;
    },
    close() {
      readline.close();
    },
  };
}
