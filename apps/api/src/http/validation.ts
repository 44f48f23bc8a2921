import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError } from './api-error';

export interface FieldIssue {
  field: string;
  message: string;
}

/** Flattens class-validator's tree into `{ field: 'activities[0].minutes', message }` items. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      issues.push({ field, message: message.replace(/^property /, '') });
    }
    if (error.children?.length) issues.push(...flattenValidationErrors(error.children, field));
  }
  return issues;
}

export function validationFailed(issues: FieldIssue[]): ApiError {
  const fields = [...new Set(issues.map((i) => i.field))];
  return new ApiError('VALIDATION.FAILED', `invalid request: ${fields.join(', ')}`, issues);
}

/**
 * Bodies and queries are whitelisted (unknown fields rejected, named in
 * details) and transformed into the DTO classes.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // One message per field: the first rule it breaks (required, then type, then range).
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
