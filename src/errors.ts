import { UnscopedValidationError, ValidationError } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * An error in what a construct was given, raised the way aws-cdk-lib raises its own validation errors: the CDK CLI
 * prints the message and the construct's place in the tree, without a stack trace into this package.
 * `code` names the error (PascalCase), as aws-cdk-lib names its own.
 * @internal
 */
export function propsError(scope: IConstruct, code: string, message: string): Error {
  return new ValidationError(code as any, message, scope);
}

/**
 * The same, for a class that is not a construct (`TaskSize`, `CapacityStrategy`, the rule catalog).
 * @internal
 */
export function unscopedPropsError(code: string, message: string): Error {
  return new UnscopedValidationError(code as any, message);
}
