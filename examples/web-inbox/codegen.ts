import path from 'node:path';
import { type CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for the documents in src/operations.graphql. By default from the committed contract
 * (`schema.graphql` at the repository root); with OMNITRAY_SCHEMA_URL from a running server's
 * introspection, signed in with OMNITRAY_TOKEN (an access token or an API key).
 */
const schemaUrl = process.env.OMNITRAY_SCHEMA_URL;
const token = process.env.OMNITRAY_TOKEN;

const config: CodegenConfig = {
  overwrite: true,
  schema: schemaUrl
    ? [{ [schemaUrl]: { headers: token ? { Authorization: `Bearer ${token}` } : {} } }]
    : path.join(__dirname, '..', '..', 'schema.graphql'),
  documents: path.join(__dirname, 'src', 'operations.graphql'),
  generates: {
    [process.env.CODEGEN_OUT ?? path.join(__dirname, 'src', 'generated', 'graphql.ts')]: {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        scalars: {
          DateTimeISO: 'string',
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
