import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { createValidationPipe, validationFailed } from './validation';

/** The validation pipe, plus: a body must be a JSON object (not an array, a string or nothing). */
export class BodyValidationPipe implements PipeTransform {
  private readonly inner = createValidationPipe();

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw validationFailed([{ field: 'body', message: 'the body must be a JSON object' }]);
    }
    return this.inner.transform(value, metadata);
  }
}
