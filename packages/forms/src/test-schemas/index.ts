import type { FormSchema } from '../core/types';
import { basicSchemas } from './basic';
import { structuredSchemas } from './structured';

/** Varied schemas every widget map must render without errors (issue 7's property-panel set). */
export const testSchemas: Record<string, FormSchema> = { ...basicSchemas, ...structuredSchemas };
