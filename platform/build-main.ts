import { buildAll } from './build';

buildAll((line) => console.log(`[build] ${line}`), { force: process.argv.includes('--force') }).catch(
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
