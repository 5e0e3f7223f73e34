import fs from 'node:fs/promises';
import path from 'node:path';

export interface BenchRow {
  section: string;
  figure: string;
  value: number;
  unit: string;
  /** The same figure of the baseline measured in the same run, when there is one. */
  baseline?: number;
  ratio?: number;
  note?: string;
}

/** Prints the rows as a Markdown table and writes them, with the machine, to a JSON file. */
export async function writeReport(rows: BenchRow[], file: string): Promise<void> {
  const header =
    '| section | figure | value | unit | baseline | ratio | note |\n|---|---|---|---|---|---|---|';
  const lines = rows.map(
    (r) =>
      `| ${r.section} | ${r.figure} | ${r.value} | ${r.unit} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.note ?? ''} |`,
  );
  console.log([header, ...lines].join('\n'));
  await fs.mkdir(path.dirname(file), { recursive: true });
  const os = await import('node:os');
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
  await fs.writeFile(file, JSON.stringify({ at: new Date().toISOString(), machine, rows }, null, 2));
  console.log(`\nwritten to ${file}`);
}
