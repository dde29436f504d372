import * as fs from 'fs';
import * as path from 'path';

/**
 * Layers point one way: platform data at the bottom (it imports nothing from the project), rules read it,
 * checks and constructs read both. A rule never imports a construct or the checks.
 */
const SRC = path.join(__dirname, '..', '..', 'src');

function importsOf(dir: string): Array<{ file: string; from: string }> {
  return fs.readdirSync(path.join(SRC, dir)).filter(f => f.endsWith('.ts')).flatMap(file => {
    const text = fs.readFileSync(path.join(SRC, dir, file), 'utf8');
    return [...text.matchAll(/^import[^;]*?from '([^']+)';/gms)].map(m => ({ file: `${dir}/${file}`, from: m[1] }));
  });
}

test('src/platform imports nothing from the project outside src/platform', () => {
  const imports = importsOf('platform');
  expect(imports.length).toBeGreaterThan(0);
  expect(imports.filter(i => i.from.startsWith('.') && !i.from.startsWith('./'))).toEqual([]);
});

test('src/rules imports only from src/rules, src/platform and the error helpers', () => {
  const imports = importsOf('rules');
  expect(imports.length).toBeGreaterThan(0);
  expect(imports.filter(i => i.from.startsWith('../') && !i.from.startsWith('../platform/') && i.from !== '../errors')).toEqual([]);
});

test('src/errors.ts, which every layer may use, imports nothing from the project', () => {
  const text = fs.readFileSync(path.join(SRC, 'errors.ts'), 'utf8');
  expect([...text.matchAll(/from '(\.[^']*)'/g)]).toEqual([]);
});
