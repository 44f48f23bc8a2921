import { Param, PipeTransform } from '@nestjs/common';
import { LOCAL_ID_PATTERN, NETWORK_ID_PATTERN, SCHOOL_ID_PATTERN } from '@indaga/domain';
import { validationFailed } from './validation';

class PatternPipe implements PipeTransform<string, string> {
  constructor(
    private readonly field: string,
    private readonly pattern: RegExp,
  ) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !this.pattern.test(value)) {
      throw validationFailed([{ field: this.field, message: `${this.field} must match ${this.pattern.source}` }]);
    }
    return value;
  }
}

/** Path parameters checked against SPEC section 1's identifier rules (400 naming the parameter). */
export const NetworkIdParam = (name = 'networkId') => Param(name, new PatternPipe(name, NETWORK_ID_PATTERN));
export const SchoolIdParam = () => Param('schoolId', new PatternPipe('schoolId', SCHOOL_ID_PATTERN));
export const LocalIdParam = (name: 'sessionId' | 'cycleId' | 'actionId') =>
  Param(name, new PatternPipe(name, LOCAL_ID_PATTERN));
