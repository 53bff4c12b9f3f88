import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The Debian packages that carry a glibc new enough for Chroma's native binding (≥ 2.39). */
const PACKAGES = ['libc6', 'libstdc++6', 'libgcc-s1'];
const SUITE = 'trixie';

/** A private glibc: the dynamic loader and the library folder to start a program with. */
export interface GlibcRuntime {
  loader: string;
  libraryPath: string;
}

/** The Debian mirror this machine's apt already uses (deb822 `.sources` or the one-line format). */
export function debianMirror(): string {
  const files = ['/etc/apt/sources.list', ...readdirSync('/etc/apt/sources.list.d').map((name) => join('/etc/apt/sources.list.d', name))];
  for (const file of files.filter((path) => existsSync(path))) {
    const text = readFileSync(file, 'utf8');
    const match = /^URIs:\s*(\S*debian\S*)/m.exec(text) ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S*debian\S*)\s/m.exec(text);
    if (match?.[1] && !match[1].includes('security')) return match[1];
  }
  return 'http://deb.debian.org/debian';
}

function runtimeIn(dir: string): GlibcRuntime {
  const libraryPath = join(dir, 'root', 'usr', 'lib', 'x86_64-linux-gnu');
  return { loader: join(libraryPath, 'ld-linux-x86-64.so.2'), libraryPath };
}

/**
 * Debian 13's glibc and C++ runtime unpacked under `dir`, fetched once with apt from Debian's
 * packages (a private source list and package lists, so the system's apt state is untouched).
 * For machines whose own glibc is too old for Chroma's binding.
 */
export async function ensureGlibcRuntime(dir: string): Promise<GlibcRuntime> {
  const runtime = runtimeIn(dir);
  if (existsSync(runtime.loader)) return runtime;
  mkdirSync(dir, { recursive: true });
  // Several processes (test workers, say) may need it at once: one fetches, the others wait.
  const lock = join(dir, '.lock');
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(runtime.loader)) return runtime;
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${lock}; remove it if no process is fetching`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (!existsSync(runtime.loader)) await fetchRuntime(dir, runtime);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return runtime;
}

async function fetchRuntime(dir: string, runtime: GlibcRuntime): Promise<void> {
  const work = join(dir, 'apt');
  rmSync(work, { recursive: true, force: true });
  for (const sub of ['lists/partial', 'cache/archives/partial', 'debs']) mkdirSync(join(work, sub), { recursive: true });
  const sourceList = join(work, 'sources.list');
  writeFileSync(sourceList, `deb [trusted=yes] ${debianMirror()} ${SUITE} main\n`);
  const apt = [
    '-o',
    `Dir::Etc::SourceList=${sourceList}`,
    '-o',
    'Dir::Etc::SourceParts=/dev/null',
    '-o',
    `Dir::State::Lists=${join(work, 'lists')}`,
    '-o',
    `Dir::Cache=${join(work, 'cache')}`,
    '-o',
    'APT::Sandbox::User=root',
  ];
  await run('apt-get', [...apt, 'update'], { timeout: 300_000 });
  await run('apt-get', [...apt, 'download', ...PACKAGES], { cwd: join(work, 'debs'), timeout: 300_000 });
  for (const deb of readdirSync(join(work, 'debs')).filter((name) => name.endsWith('.deb'))) {
    await run('dpkg', ['-x', join(work, 'debs', deb), join(dir, 'root')]);
  }
  rmSync(work, { recursive: true, force: true });
  if (!existsSync(runtime.loader)) throw new Error(`unpacking ${PACKAGES.join(', ')} left no loader at ${runtime.loader}`);
}
