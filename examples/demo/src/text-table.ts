export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** A plain-text table: a header, a rule, and rows padded to the widest cell of each column. */
export function renderTable(columns: Column[], rows: string[][]): string[] {
  const widths = columns.map((column, index) => Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, index) => (columns[index]?.align === 'right' ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd();
  return [
    format(columns.map((column) => column.header)),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...rows.map(format),
  ];
}
