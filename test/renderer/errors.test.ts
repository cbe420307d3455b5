import { describe, expect, it } from 'vitest';
import { ApiError, describeError } from '../../renderer/src/api/errors.ts';

describe('ApiError.fromBody', () => {
  it('keeps a known code and the message', () => {
    const e = ApiError.fromBody({ code: 'not_found', message: 'no device "x"' });
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.message, e.issues]).toEqual(['not_found', 'no device "x"', []]);
  });

  it('maps an unknown code to "internal" and a missing message to a readable one', () => {
    const e = ApiError.fromBody({ code: 'teapot' });
    expect(e.code).toBe('internal');
    expect(e.message).toBe('Request failed (internal).');
    expect(ApiError.fromBody('nonsense').code).toBe('internal');
  });

  it('keeps well-formed issues and drops malformed ones', () => {
    const e = ApiError.fromBody({ code: 'invalid_params', message: 'bad', issues: [{ path: 'name', message: 'too long' }, 42, { path: 'x' }, { message: 'no path' }] });
    expect(e.issues).toEqual([
      { path: 'name', message: 'too long' },
      { path: '', message: 'no path' },
    ]);
  });
});

describe('describeError', () => {
  it('adds issues that the message does not already say', () => {
    const e = new ApiError('invalid_params', 'Invalid settings', [{ path: 'site.name', message: 'too long' }]);
    expect(describeError(e)).toBe('Invalid settings (site.name: too long)');
    expect(describeError(new ApiError('invalid_params', 'name: too long', [{ path: 'name', message: 'too long' }]))).toBe('name: too long');
  });

  it('wraps plain errors and non-errors', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('str')).toBe('str');
  });
});
