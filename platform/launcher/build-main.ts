import { buildAll } from './build';

buildAll((line) => console.log(`[build] ${line}`), {
  force: process.argv.includes('--force'),
  production: true,
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
