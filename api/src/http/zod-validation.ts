import { BadRequestException, Body, NotFoundException, Param, Query, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { EntityIdSchema, UNSTORABLE_TEXT_MESSAGE, isStorableText, unstorablePath } from '@callflow/schemas';
import { z } from 'zod';

/** The OpenAPI 3.0 form of a zod schema: `input` for request bodies and queries, `output` for responses. */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
  return jsonSchema as SchemaObject;
}

export function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map(String).join('.');
}

/**
 * Parses with `schema`; anything it refuses is a 400 whose message and `issues` name each field and what is wrong.
 * Text PostgreSQL cannot store (NUL, unpaired surrogates) is refused here for every body and query, whatever the schema.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const unstorable = unstorablePath(value);
    if (unstorable !== null) refuse([{ path: issuePath(unstorable), message: UNSTORABLE_TEXT_MESSAGE }]);
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    refuse(result.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message })));
  }
}

function refuse(issues: Array<{ path: string; message: string }>): never {
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
    issues,
  });
}

function describeMethod(target: object, key: string | symbol | undefined, decorator: MethodDecorator): void {
  if (key === undefined) throw new Error('Zod parameter decorators belong on controller methods');
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor === undefined) throw new Error(`No method ${String(key)}`);
  decorator(target, key, descriptor);
}

/** The request body, parsed by `schema` (400 otherwise), and documented in OpenAPI. */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodValidationPipe(schema))(target, key, index);
    describeMethod(target, key, ApiBody({ schema: openApiSchema(schema, 'input') }));
  };
}

/** The query string, parsed by `schema` (an object schema; use z.coerce for numbers), and documented in OpenAPI. */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema))(target, key, index);
    for (const [name, field] of Object.entries(schema.shape)) {
      const fieldSchema = field as z.ZodType;
      describeMethod(
        target,
        key,
        ApiQuery({ name, required: !fieldSchema.safeParse(undefined).success, schema: openApiSchema(fieldSchema, 'input') }),
      );
    }
  };
}

const UUID = z.uuid();

/** A path id that `isValid` accepts; anything else is answered like an id that does not exist (404), as is another tenant's. */
function idParam(name: string, isValid: (value: string) => boolean, schema: SchemaObject): ParameterDecorator {
  const pipe: PipeTransform<string, string> = {
    transform(value: string) {
      if (!isValid(value)) throw new NotFoundException(`No ${name} ${value}`);
      return value;
    },
  };
  return (target, key, index) => {
    Param(name, pipe)(target, key, index);
    describeMethod(target, key, ApiParam({ name, schema }));
  };
}

export function UuidParam(name: string): ParameterDecorator {
  return idParam(name, (value) => UUID.safeParse(value).success, { type: 'string', format: 'uuid' });
}

/**
 * The id of a directory entity. New entities get uuids, but seeded and older ones have readable ids ("ann",
 * "dispatch"), so any storable entity id is accepted.
 */
export function EntityIdParam(name: string): ParameterDecorator {
  return idParam(name, (value) => EntityIdSchema.safeParse(value).success && isStorableText(value), { type: 'string', maxLength: 128 });
}

/** Documents the success response of a route as `schema` (OpenAPI only; the service's types guarantee the shape). */
export function ZodResponse(schema: z.ZodType, status = 200): MethodDecorator {
  return ApiResponse({ status, schema: openApiSchema(schema, 'output') });
}
