import { Module } from '@nestjs/common';
import { NetworksModule } from '../networks/networks.module';
import { ExportTables } from './export-tables';
import { ExportsController } from './exports.controller';

/** SPEC 5.5 exports (admin, analyst). */
@Module({
  imports: [NetworksModule],
  controllers: [ExportsController],
  providers: [ExportTables],
})
export class ExportsModule {}
