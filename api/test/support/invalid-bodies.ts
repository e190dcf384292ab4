import fc from 'fast-check';
import type { Test } from 'supertest';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const WRONG_VALUES: Json[] = [null, true, 0, -1, 1.5, 1e308, '', 'x'.repeat(100_000), '\u0000', '🙂'.repeat(3000), 'ﷺ\u202e\ud800', [], [1, 'a'], {}, { nested: { deep: [null] } }];

/**
 * Bodies a valid body becomes when a client gets it wrong: each field missing, each field of the wrong type, huge or
 * strange strings and unknown shapes, plus random JSON (fast-check, seeded so a failure reproduces). Some may happen to
 * be valid (e.g. dropping an optional field): callers assert only "400 with a message, or success — never 5xx".
 */
export function invalidBodies(valid: Record<string, unknown>, randomCount = 200, seed = 42): unknown[] {
  const bodies: unknown[] = [null, [], 'text', 42, {}, [valid]];
  for (const key of Object.keys(valid)) {
    const { [key]: _dropped, ...without } = valid;
    bodies.push(without);
    for (const wrong of WRONG_VALUES) bodies.push({ ...valid, [key]: wrong });
    const value = valid[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const inner of invalidBodies(value as Record<string, unknown>, 0)) bodies.push({ ...valid, [key]: inner });
    }
  }
  bodies.push(...fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: randomCount, seed }));
  bodies.push(...fc.sample(fc.dictionary(fc.constantFrom(...Object.keys(valid), 'extra'), fc.jsonValue({ maxDepth: 2 })), { numRuns: randomCount, seed }));
  return bodies;
}

/** Sends any JSON value (supertest's send() only takes objects and strings as JSON). */
export function sendJson(test: Test, body: unknown): Test {
  return test.set('content-type', 'application/json').send(JSON.stringify(body));
}
