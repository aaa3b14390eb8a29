/**
 * One CSV line (RFC 4180, CRLF). A cell a spreadsheet would run as a formula (starting with = + -
 * @, tab or carriage return) gets a leading apostrophe, so exported customer text stays text.
 */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return (
    cells
      .map((cell) => {
        if (cell === null || cell === undefined) return '';
        if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
        const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
        return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      })
      .join(',') + '\r\n'
  );
}
