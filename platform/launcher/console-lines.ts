import { prettyFactory } from 'pino-pretty';

/**
 * Draws lines in a box, so one message stands apart from the log around it.
 *
 * @example
 * frame(['Admin account created']); // '┌──…┐\n│ Admin account created │\n└──…┘'
 */
export function frame(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  return [
    `┌${'─'.repeat(width + 2)}┐`,
    ...lines.map((line) => `│ ${line.padEnd(width)} │`),
    `└${'─'.repeat(width + 2)}┘`,
  ].join('\n');
}

/**
 * Turns the JSON log lines of the API server and the worker into lines a person reads on the
 * `npm start` console (the log files keep the JSON). The first-start admin password, logged with
 * an `adminPassword` field, becomes a framed block of its own; lines that are not JSON pass as
 * they are.
 */
export function createConsoleFormatter(options: { colorize: boolean }): (line: string) => string {
  const pretty = prettyFactory({
    colorize: options.colorize,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    messageFormat: '{service}: {msg}',
    singleLine: true,
  });
  return (line) => {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return line;
    }
    if (entry === null || typeof entry !== 'object') return line;
    const { adminPassword, email } = entry as { adminPassword?: unknown; email?: unknown };
    if (typeof adminPassword === 'string') {
      return frame([
        'Admin account created. Its password is shown this once:',
        '',
        `  email:    ${String(email)}`,
        `  password: ${adminPassword}`,
        '',
        'Sign in with it at the app URL below; keep it somewhere safe.',
      ]);
    }
    return pretty(line).trimEnd();
  };
}
