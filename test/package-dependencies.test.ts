import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'|\brequire\('([^']+)'\)|\bimport\('([^']+)'\)/g;

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' || entry === 'dist' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/** The package a bare import names (`@scope/name` or `name`), or undefined for relative and built-in imports. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);
  return builtinModules.includes(name) ? undefined : name;
}

const isTest = (path: string) => /\.test\.tsx?$/.test(path) || /[\\/]testing(\.ts|[\\/])/.test(path) || /[\\/]test[\\/]/.test(path);

const workspaces = readJson<{ workspaces: string[] }>(join(root, 'package.json')).workspaces;
const rootManifest = readJson<Manifest>(join(root, 'package.json'));

describe('every package declares what it imports', () => {
  it.each(workspaces)('%s names each package its source imports in its own dependencies', (workspace) => {
    const manifest = readJson<Manifest>(join(root, workspace, 'package.json'));
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
    const forTests = new Set([
      ...declared,
      ...Object.keys(manifest.devDependencies ?? {}),
      ...Object.keys(rootManifest.devDependencies ?? {}),
    ]);
    const missing: string[] = [];
    for (const file of sourceFiles(join(root, workspace, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const name = packageOf(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
        if (!name || name === manifest.name) continue;
        if (!(isTest(file) ? forTests : declared).has(name)) missing.push(`${relative(root, file)} imports ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the gateway off the subgraph kit: it depends on @nusa/platform only, so it never loads the ORM or type-graphql', () => {
    const gateway = readJson<Manifest>(join(root, 'gateway', 'package.json'));
    expect(Object.keys(gateway.dependencies ?? {})).toContain('@nusa/platform');
    expect(Object.keys(gateway.dependencies ?? {}).filter((name) => /^@nusa\/(?!platform$)|mikro-orm|type-graphql/.test(name))).toEqual([]);
  });

  it("never reaches into a library's dist/ internals", () => {
    const deep: string[] = [];
    for (const workspace of workspaces) {
      for (const file of sourceFiles(join(root, workspace, 'src'))) {
        for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
          const specifier = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
          if (packageOf(specifier) && /\/dist\//.test(specifier)) deep.push(`${relative(root, file)}: ${specifier}`);
        }
      }
    }
    expect(deep).toEqual([]);
  });
});
