import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOW_DOCUMENT_JSON_SCHEMA_FILE, renderFlowDocumentJsonSchema } from './flow-document-json-schema';

const file = join(__dirname, '..', FLOW_DOCUMENT_JSON_SCHEMA_FILE);
writeFileSync(file, renderFlowDocumentJsonSchema());
console.log(`wrote ${file}`);
