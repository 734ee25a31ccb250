/** The body the loopback JSON server answers with, and what every client must parse back. */
export const BENCH_ITEM = { id: 1, name: 'bench item', tags: ['alpha', 'beta'], active: true };
