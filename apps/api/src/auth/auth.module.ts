import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { RateLimits } from '../http/rate-limits';
import { TokenStore } from './token-store';
import { MeController } from './me.controller';
import { TokensController } from './tokens.controller';

@Module({
  providers: [TokenStore, AuthService, RateLimits, { provide: APP_GUARD, useClass: AuthGuard }],
  controllers: [TokensController, MeController],
  exports: [AuthService, RateLimits],
})
export class AuthModule {}
