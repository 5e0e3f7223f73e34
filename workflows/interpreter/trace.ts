import type { ErrorInfo } from '../expressions/expression-bindings';

export type TraceStatus = 'running' | 'completed' | 'failed' | 'waiting' | 'skipped';

/** One node visit, as the run query returns it and the editor overlays it. */
export interface TraceEntry {
  nodeId: string;
  type: string;
  visit: number;
  status: TraceStatus;
  /** ISO 8601. */
  startedAt: string;
  endedAt?: string;
  /** The port the node left by. */
  port?: string;
  /** The resolved params, size-capped. */
  input?: unknown;
  /** The output, size-capped. */
  output?: unknown;
  error?: ErrorInfo;
  /** Set for visits inside a forEach body: which forEach, which item. */
  item?: { forEach: string; index: number };
  /** Set for visits that undo an earlier step. */
  compensation?: true;
}

/** What stands in for a value too large for the trace. */
export interface TruncatedValue {
  truncated: true;
  /** UTF-8 size of the value's JSON. */
  bytes: number;
  /** The start of the JSON. */
  preview: string;
}

export interface TraceLimits {
  /** Entries kept; older ones are dropped (and counted). */
  maxEntries: number;
  /** UTF-8 bytes of JSON an input or output may take before it is truncated. */
  maxValueBytes: number;
}

export const defaultTraceLimits: Readonly<TraceLimits> = Object.freeze({
  maxEntries: 1000,
  maxValueBytes: 16 * 1024,
});

const PREVIEW_CHARS = 512;

/**
 * Records node visits into the run state's trace. Entries are updated in place as visits
 * progress, so a query at any moment sees the current status of every visit.
 */
export class TraceRecorder {
  constructor(
    private readonly log: { trace: TraceEntry[]; traceDropped: number },
    private readonly now: () => number,
    private readonly limits: TraceLimits = defaultTraceLimits,
  ) {}

  begin(init: Pick<TraceEntry, 'nodeId' | 'type' | 'visit' | 'item' | 'compensation'>): TraceEntry {
    const entry: TraceEntry = {
      nodeId: init.nodeId,
      type: init.type,
      visit: init.visit,
      status: 'running',
      startedAt: this.timestamp(),
    };
    if (init.item) entry.item = init.item;
    if (init.compensation) entry.compensation = true;
    this.log.trace.push(entry);
    const excess = this.log.trace.length - this.limits.maxEntries;
    if (excess > 0) {
      this.log.trace.splice(0, excess);
      this.log.traceDropped += excess;
    }
    return entry;
  }

  input(entry: TraceEntry, params: unknown): void {
    entry.input = capValue(params, this.limits.maxValueBytes);
  }

  waiting(entry: TraceEntry): void {
    entry.status = 'waiting';
  }

  complete(entry: TraceEntry, port: string | undefined, output: unknown): void {
    entry.status = 'completed';
    entry.endedAt = this.timestamp();
    if (port !== undefined) entry.port = port;
    if (output !== undefined) entry.output = capValue(output, this.limits.maxValueBytes);
  }

  fail(entry: TraceEntry, error: ErrorInfo): void {
    entry.status = 'failed';
    entry.endedAt = this.timestamp();
    entry.error = error;
  }

  skip(entry: TraceEntry, port: string | undefined): void {
    entry.status = 'skipped';
    entry.endedAt = entry.startedAt;
    if (port !== undefined) entry.port = port;
  }

  /** A copy that later updates do not change, for the run query. */
  snapshot(): TraceEntry[] {
    return this.log.trace.map((entry) => ({ ...entry }));
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}

/**
 * The value itself when its JSON fits in maxBytes, otherwise a TruncatedValue. Values that are not
 * JSON at all (cycles) are truncated too, with bytes 0.
 */
export function capValue(value: unknown, maxBytes: number): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return { truncated: true, bytes: 0, preview: '' } satisfies TruncatedValue;
  }
  if (json === undefined) return undefined;
  // Counting UTF-16 units first avoids measuring the common small value twice.
  if (json.length * 3 <= maxBytes) return value;
  const bytes = utf8Length(json);
  if (bytes <= maxBytes) return value;
  return { truncated: true, bytes, preview: json.slice(0, PREVIEW_CHARS) } satisfies TruncatedValue;
}

/** UTF-8 length without TextEncoder, which the workflow sandbox does not promise. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}
