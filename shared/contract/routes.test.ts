import { describe, expect, it } from 'vitest';
import { operations } from './api';
import { ROUTES } from './routes';

describe('route table', () => {
  it('matches the operations: same ids, methods, paths, auth, bodies and media types', () => {
    const fromOperations = Object.fromEntries(
      Object.entries(operations).map(([id, op]) => [
        id,
        {
          method: op.method,
          path: op.path,
          auth: op.auth,
          ...(op.body ? { body: true } : {}),
          ...(op.contentType ? { contentType: op.contentType } : {}),
        },
      ]),
    );
    expect(ROUTES).toEqual(fromOperations);
  });
});
