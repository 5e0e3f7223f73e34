import fs from 'node:fs/promises';
import path from 'node:path';

/** Where the shipped templates live: one JSON file per template. */
export const defaultTemplatesDir = path.resolve(__dirname, '..', '..', '..', 'workflows', 'templates');

/** A template as the gallery lists it. */
export interface TemplateSummary {
  /** The file name without `.json`; what `POST /templates/:name/install` takes. */
  name: string;
  title: string;
  description: string;
  /** A JSON Schema (draft-07, an object of named params with defaults) for the install form. */
  paramsSchema?: Record<string, unknown>;
}

/** A template file, read: its summary and the definition with its `{"$param": …}` placeholders. */
export interface Template extends TemplateSummary {
  definition: unknown;
}

const templateName = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Whether `name` can name a template file; anything else (dots, slashes) could leave the folder. */
export function isTemplateName(name: string): boolean {
  return templateName.test(name);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, key: string): string {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === 'string' ? found : '';
}

/**
 * Reads a template file. Two shapes are accepted:
 * - a bare workflow definition, installed as it is;
 * - `{"template": {title?, description?, paramsSchema?}, "definition": {…}}`, whose definition may hold
 *   `{"$param": "<name>"}` wherever a value of a param belongs (see `instantiateTemplate`).
 */
export function readTemplate(name: string, file: unknown): Template {
  const wrapped = isObject(file) && isObject(file.template) && 'definition' in file;
  const meta = wrapped ? (file.template as Record<string, unknown>) : {};
  const definition = wrapped ? file.definition : file;
  return {
    name,
    title: text(meta, 'title') || text(definition, 'name') || name,
    description: text(meta, 'description') || text(definition, 'description'),
    ...(isObject(meta.paramsSchema) ? { paramsSchema: meta.paramsSchema } : {}),
    definition,
  };
}

async function readFile(dir: string, name: string): Promise<Template> {
  const file = JSON.parse(await fs.readFile(path.join(dir, `${name}.json`), 'utf8')) as unknown;
  return readTemplate(name, file);
}

/**
 * Every `*.json` in the templates folder, by name; an absent folder is an empty catalog. A file that
 * is not valid JSON is left out rather than breaking the gallery (the template tests catch it).
 */
export async function listTemplates(dir: string = defaultTemplatesDir): Promise<TemplateSummary[]> {
  let files: string[];
  try {
    files = await fs.readdir(dir);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const summaries: TemplateSummary[] = [];
  for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
    const name = file.slice(0, -'.json'.length);
    if (!isTemplateName(name)) continue;
    const template = await readFile(dir, name).catch(() => undefined);
    if (template === undefined) continue;
    const { definition, ...summary } = template;
    void definition;
    summaries.push(summary);
  }
  return summaries;
}

/** Template `name`, or undefined when there is no such template. */
export async function loadTemplate(
  name: string,
  dir: string = defaultTemplatesDir,
): Promise<Template | undefined> {
  if (!isTemplateName(name)) return undefined;
  try {
    return await readFile(dir, name);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
