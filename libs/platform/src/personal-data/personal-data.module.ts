import { Global, Inject, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@indaga/event-store';
import { INDAGA_CONFIG, type IndagaConfig } from '../config/config';
import { MASTER_KEY, resolveMasterKey } from './master-key';
import { nativeGcm } from './native-gcm';
import { openingThreads, TextOpener } from './text-opener';

/**
 * Whether new events get their free text sealed. Always on: only the write
 * benchmark turns it off (createApp's bench option), to measure the cost of
 * sealing as a ratio. Not a setting a deployment can reach.
 */
export class TextSealing {
  enabled = true;

  constructor(@Inject(MASTER_KEY) readonly masterKey: Buffer) {}
}

/** SPEC 6.1: the master key, the sealing switch and the one opener every reader goes through. */
@Global()
@Module({
  providers: [
    {
      provide: MASTER_KEY,
      inject: [INDAGA_CONFIG],
      useFactory: (config: IndagaConfig) => resolveMasterKey(config, (m) => new Logger('personal-data').warn(m)),
    },
    TextSealing,
    {
      provide: TextOpener,
      inject: [MASTER_KEY, EVENT_STORE],
      useFactory: (masterKey: Buffer, store: EventStore) => {
        if (!store.readDataKeys) throw new Error('the event store keeps no data keys');
        if (!nativeGcm())
          new Logger('personal-data').warn(
            "the native AES-GCM batch addon is not built (npm install builds it: libs/platform/native); free text is sealed and opened with Node's crypto: exports at about half the rate, writes slower",
          );
        return new TextOpener(masterKey, (ids) => store.readDataKeys!(ids), { threads: openingThreads() });
      },
    },
  ],
  exports: [MASTER_KEY, TextSealing, TextOpener],
})
export class PersonalDataModule implements OnModuleDestroy {
  constructor(private readonly opener: TextOpener) {}

  async onModuleDestroy(): Promise<void> {
    await this.opener.close();
  }
}
