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
  it('says the field by its label, never by its path', () => {
    const e = new ApiError('invalid_params', 'site.name: too long', [{ path: 'site.name', message: 'too long' }]);
    expect(describeError(e)).toBe('Not saved — Site name: too long');
    const two = new ApiError('invalid_params', 'name: keep it to 64 characters; room: keep it to 64 characters', [
      { path: 'name', message: 'keep it to 64 characters' },
      { path: 'room', message: 'keep it to 64 characters' },
    ]);
    expect(describeError(two)).toBe('Not saved: Name: keep it to 64 characters; Room: keep it to 64 characters');
  });

  it('adds issues a non-validation message does not already say', () => {
    expect(describeError(new ApiError('conflict', 'the control token must differ from the viewer token'))).toBe('The control token must differ from the viewer token');
    expect(describeError(new ApiError('internal', 'Import failed', [{ path: '', message: 'disk full' }]))).toBe('Import failed (Disk full)');
  });

  it('wraps plain errors and non-errors', () => {
    expect(describeError(new Error('boom'))).toBe('Boom');
    expect(describeError('str')).toBe('Str');
  });
});
