// The main command: synthesize every example under the checks, print a table, and fail on any
// unacknowledged finding. `npm run examples`.
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..');
const EXAMPLES = join(ROOT, 'examples');

interface Row { example: string; stacks: number; resources: number; errors: string[]; warnings: string[] }

/** Reads a cloud assembly (and its nested ones) the way the CDK CLI does. */
function readAssembly(dir: string, row: Row): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  for (const artifact of Object.values<any>(manifest.artifacts ?? {})) {
    if (artifact.type === 'cdk:cloud-assembly') {
      readAssembly(join(dir, artifact.properties.directoryName), row);
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    row.stacks++;
    const template = JSON.parse(readFileSync(join(dir, artifact.properties.templateFile), 'utf8'));
    row.resources += Object.keys(template.Resources ?? {}).length;
    // Metadata sits inline or, in newer assemblies, in a side file the manifest names.
    const metadata = artifact.additionalMetadataFile
      ? JSON.parse(readFileSync(join(dir, artifact.additionalMetadataFile), 'utf8'))
      : artifact.metadata ?? {};
    for (const [path, entries] of Object.entries<any[]>(metadata)) {
      for (const e of entries) {
        if (e.type === 'aws:cdk:error') row.errors.push(`${path}: ${e.data}`);
        if (e.type === 'aws:cdk:warning') row.warnings.push(`${path}: ${e.data}`);
      }
    }
  }
}

function synth(example: string): Row {
  const outdir = mkdtempSync(join(tmpdir(), `example-${example}-`));
  const row: Row = { example, stacks: 0, resources: 0, errors: [], warnings: [] };
  try {
    execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), '-T', '--project', join(ROOT, 'tsconfig.tools.json'), join(EXAMPLES, example, 'main.ts')], {
      cwd: ROOT, env: { ...process.env, CDK_OUTDIR: outdir }, stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e: any) {
    row.errors.push(`synthesis failed: ${String(e.stderr ?? e.message).split('\n').slice(0, 20).join('\n')}`);
    return row;
  }
  readAssembly(outdir, row);
  return row;
}

const examples = readdirSync(EXAMPLES).filter(e => existsSync(join(EXAMPLES, e, 'main.ts'))).sort();
const rows = examples.map(synth);
const header = ['example', 'stacks', 'resources', 'errors', 'warnings'];
const table = [header, ...rows.map(r => [r.example, r.stacks, r.resources, r.errors.length, r.warnings.length].map(String))];
const widths = header.map((_, i) => Math.max(...table.map(t => t[i].length)));
for (const [i, t] of table.entries()) {
  console.log(t.map((c, j) => c.padEnd(widths[j])).join('  '));
  if (i === 0) console.log(widths.map(w => '-'.repeat(w)).join('  '));
}
const failing = rows.filter(r => r.errors.length + r.warnings.length > 0);
for (const r of failing) {
  console.log(`\n${r.example}:`);
  for (const m of [...r.errors, ...r.warnings]) console.log(`  ${m}`);
}
console.log(`\n${examples.length} examples, ${failing.length} with unacknowledged findings.`);
process.exitCode = failing.length > 0 ? 1 : 0;
