/**
 * `npm run migrate:encrypt-text`: SPEC 6.4's one real upcast, reported. Events
 * written before SPEC 6.1 hold plain free text; they are read through the
 * upcaster and stay as they are (an event store is append-only). This tells
 * how many remain on the configured store (INDAGA_STORE), and rewrites nothing.
 */
import { loadConfig, openConfiguredEventStore } from '@indaga/platform';
import { describeReport, plainTextReport } from './plain-text-report';

async function main() {
  const config = loadConfig();
  const store = await openConfiguredEventStore(config);
  try {
    console.log(describeReport(config.store, await plainTextReport(store)));
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  console.error(`migrate:encrypt-text failed / falló: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
