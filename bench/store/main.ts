// Runs the store benchmark alone and prints it as markdown:
//   npx ts-node --transpile-only bench/store/main.ts [--quick]
import { renderSection } from '../lib/table';
import { runStoreBench } from './store.bench';

runStoreBench({ quick: process.argv.includes('--quick') })
  .then((section) => console.log(renderSection(section)))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
