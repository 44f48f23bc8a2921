import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS } from './error-codes';

/** docs/EXTENSIONS.md's error table, as `code → status`. */
function documentedCodes(): Map<string, number> {
  const text = readFileSync(join(__dirname, '../../../../docs/EXTENSIONS.md'), 'utf8');
  const section = text.slice(text.indexOf('## Error codes'), text.indexOf('\n## ', text.indexOf('## Error codes') + 3));
  const rows = new Map<string, number>();
  for (const match of section.matchAll(/^\| `([A-Z_.]+)` \| (\d{3})\b/gm)) rows.set(match[1], Number(match[2]));
  return rows;
}

describe('the error-code registry', () => {
  it('is the table docs/EXTENSIONS.md documents, code for code and status for status', () => {
    const documented = documentedCodes();
    expect(documented.size).toBeGreaterThan(30);
    expect(Object.fromEntries(documented)).toEqual(ERROR_STATUS);
  });
});
