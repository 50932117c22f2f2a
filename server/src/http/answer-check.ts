import type { ServerResponse } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { addFormats, SCHEMA_ANNOTATIONS, type JsonSchema } from './validation';
import { allResponses } from './responses';
import type { AnyRoute } from './route';

/**
 * The ajv instance that checks answers in tests. Not the request validator's: that one fills in
 * defaults, which must never change an answer.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true, keywords: [...SCHEMA_ANNOTATIONS] });
addFormats(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();
function validatorFor(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

export interface AnswerProblem {
  route: string;
  status: number;
  problem: string;
  errors?: unknown;
}

/**
 * Makes every answer of a route prove itself against the contract (tests only: it parses each
 * JSON body again). An undocumented status, or a JSON body that does not match its status's
 * schema, becomes a 500 `undocumented_response` naming the route and status, so the test that
 * caused it fails. 500s pass unchanged: they are failures already, logged by the error handler.
 */
export function answerChecker(
  route: AnyRoute,
  report: (p: AnswerProblem) => void,
): (res: ServerResponse) => void {
  const documented = allResponses(route);
  for (const spec of Object.values(documented)) if (spec.schema) validatorFor(spec.schema);
  const name = `${route.method.toUpperCase()} ${route.path}`;

  const problemWith = (
    status: number,
    res: ServerResponse,
    chunk: unknown,
  ): AnswerProblem | null => {
    if (status === 500) return null;
    const spec = documented[status];
    if (!spec) return { route: name, status, problem: 'status not documented' };
    if (!spec.schema) return null;
    const type = String(res.getHeader('content-type') ?? '');
    if (!type.includes('json') || res.getHeader('content-encoding')) return null;
    if (chunk === undefined || chunk === null || chunk === '') {
      return { route: name, status, problem: 'documented JSON body missing' };
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    } catch {
      return { route: name, status, problem: 'body is not JSON' };
    }
    const validate = validatorFor(spec.schema);
    if (validate(body)) return null;
    return { route: name, status, problem: 'body does not match schema', errors: validate.errors };
  };

  return (res) => {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    // A streamed answer (an upload) writes its head before `end`: check the status there.
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      if (status !== 500 && !documented[status]) {
        report({ route: name, status, problem: 'status not documented' });
        return writeHead(500, ...rest);
      }
      return writeHead(status, ...rest);
    }) as ServerResponse['writeHead'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (res.headersSent) return end(chunk, ...rest);
      const problem = problemWith(
        res.statusCode,
        res,
        typeof chunk === 'function' ? undefined : chunk,
      );
      if (!problem) return end(chunk, ...rest);
      report(problem);
      const body = JSON.stringify({
        error: {
          code: 'undocumented_response',
          message: `${problem.route} answered ${problem.status}: ${problem.problem}.`,
          details: problem,
        },
      });
      res.statusCode = 500;
      for (const h of ['content-encoding', 'etag', 'content-disposition']) res.removeHeader(h);
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('content-length', Buffer.byteLength(body));
      return end(body);
    }) as ServerResponse['end'];
  };
}
