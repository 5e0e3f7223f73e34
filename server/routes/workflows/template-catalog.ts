import fs from 'node:fs/promises';
import path from 'node:path';

/** Where the shipped templates live: one workflow definition per JSON file. */
export const defaultTemplatesDir = path.resolve(__dirname, '..', '..', '..', 'workflows', 'templates');

/** A template as the gallery lists it. */
export interface TemplateSummary {
  /** The file name without `.json`; what `POST /templates/:name/install` takes. */
  name: string;
  title: string;
  description: string;
}

const templateName = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Whether `name` can name a template file; anything else (dots, slashes) could leave the folder. */
export function isTemplateName(name: string): boolean {
  return templateName.test(name);
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
}

function field(value: unknown, key: string): string {
  const found =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof found === 'string' ? found : '';
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
    const definition = await readJson(path.join(dir, file)).catch(() => undefined);
    if (definition === undefined) continue;
    summaries.push({
      name,
      title: field(definition, 'name') || name,
      description: field(definition, 'description'),
    });
  }
  return summaries;
}

/** The definition in template `name`, or undefined when there is no such template. */
export async function loadTemplate(name: string, dir: string = defaultTemplatesDir): Promise<unknown> {
  if (!isTemplateName(name)) return undefined;
  try {
    return await readJson(path.join(dir, `${name}.json`));
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
