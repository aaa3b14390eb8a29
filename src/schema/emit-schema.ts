import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildApiSchema } from './build-schema';

/** The committed contract, sorted so the diff of a change shows only what changed. */
export async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
}

if (require.main === module) {
  const target = process.argv[2] ?? path.resolve(__dirname, '..', '..', '..', 'schema.graphql');
  printApiSchema()
    .then((sdl) => writeFileSync(target, sdl))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
