import { NotFoundException, Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { EntityIdSchema } from '@callflow/schemas';

/**
 * The id of a directory entity in the path. Ids are chosen by the server (uuids) for new entities, but older and seeded
 * entities have readable ids ("ann", "dispatch"), so any valid entity id is accepted; anything else is answered 404.
 */
export function DirectoryIdParam(name: string): ParameterDecorator {
  const pipe: PipeTransform<string, string> = {
    transform(value: string) {
      if (!EntityIdSchema.safeParse(value).success) throw new NotFoundException(`No ${name} ${value}`);
      return value;
    },
  };
  return (target, key, index) => {
    Param(name, pipe)(target, key, index);
    if (key === undefined) throw new Error('DirectoryIdParam belongs on controller methods');
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor === undefined) throw new Error(`No method ${String(key)}`);
    ApiParam({ name, schema: { type: 'string', maxLength: 128 } })(target, key, descriptor);
  };
}
