/**
 * `npm run client:generate`: writes `client/openapi-types.ts` from the OpenAPI document the API
 * serves with the default settings (the document builder the `GET /openapi.json` handler uses).
 */
import { writeFile } from 'node:fs/promises';
import { taskDefaults } from '../../shared/config/tasks.ts';
import { buildOpenApiDocument } from '../../shared/openapi/openapi-document.ts';
import { clientTypesSource, type OpenAPI3 } from './client-types.ts';

const target = new URL('../openapi-types.ts', import.meta.url);
const document = buildOpenApiDocument(taskDefaults({})) as unknown as OpenAPI3;
await writeFile(target, await clientTypesSource(document));
process.stdout.write(`wrote ${target.pathname}\n`);
