import { Global, Module } from '@nestjs/common';
import { INDAGA_CONFIG, IndagaConfig, loadConfig } from './config';

/** Provides the validated configuration under INDAGA_CONFIG. Tests pass their own object. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: IndagaConfig = loadConfig()) {
    return {
      module: ConfigModule,
      providers: [{ provide: INDAGA_CONFIG, useValue: config }],
      exports: [INDAGA_CONFIG],
    };
  }
}
