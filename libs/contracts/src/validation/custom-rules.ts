import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** The decorated number must not exceed the number in `otherField` (e.g. score <= maxScore). */
export function IsAtMostField(otherField: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isAtMostField',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [otherField],
      options: { message: `must not be greater than ${otherField}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[otherField];
          if (typeof value !== 'number' || typeof other !== 'number') return true;
          return value <= other;
        },
      },
    });
  };
}
