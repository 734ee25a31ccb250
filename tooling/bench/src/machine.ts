import os from 'node:os';

/** The machine a report was measured on, so figures from different runs are not compared blindly. */
export function describeMachine(): string[] {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} cores`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${process.arch})`,
    `- Node: ${process.version}`,
    `- Date: ${new Date().toISOString()}`,
  ];
}
