// Files the tests write (key sets, settings): one folder per test file, removed when it ends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

const folder = mkdtempSync(join(tmpdir(), 'bpc-test-'));
after(() => {
  rmSync(folder, { recursive: true, force: true });
});

let written = 0;

/** Writes `text` to a new file named after `name` and answers its path. */
export function scratchFile(name: string, text: string): string {
  written += 1;
  const path = join(folder, `${String(written)}-${name}`);
  writeFileSync(path, text);
  return path;
}
