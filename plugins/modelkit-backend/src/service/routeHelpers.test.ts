import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parse } from './routeHelpers';

const page = z.object({
  limit: z.number().int().max(10, 'must be at most 10').optional(),
  status: z.array(z.enum(['a', 'b'], { error: 'must be a or b' })).optional(),
});

describe('parse', () => {
  it('answers the parsed value', () => {
    expect(parse(page, { limit: 3, other: 1 }, 'input')).toEqual({ limit: 3 });
  });

  it('names what was parsed and every bad field', () => {
    const error = (() => {
      try {
        parse(page, { limit: 11, status: ['a', 'c'] }, 'input');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'Invalid input: limit must be at most 10; status.1 must be a or b',
    );
    expect(() => parse(page, { limit: 11 }, 'request body')).toThrow(
      'Invalid request body: limit must be at most 10',
    );
  });

  it('leaves out the position of a repeated value when asked', () => {
    expect(() =>
      parse(page, { status: ['c'] }, 'query', { positions: false }),
    ).toThrow('Invalid query: status must be a or b');
  });
});
