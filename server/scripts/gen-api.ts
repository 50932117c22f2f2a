// `pnpm gen:api`: writes the client's types from the API contract (the route definitions).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CLIENT_TYPES_FILE, clientTypes } from '../src/contract/client-types';
import { contractDocument } from '../src/contract/document';

const source = await clientTypes(contractDocument());
await mkdir(dirname(CLIENT_TYPES_FILE), { recursive: true });
await writeFile(CLIENT_TYPES_FILE, source);
console.log(`wrote ${CLIENT_TYPES_FILE}`);
