import { Response } from 'undici';
import { RegistryConfig } from './configTypes';
import { RegistryError } from './errors';
import {
  findCause,
  isAbort,
  isTimeoutCode,
  transportError,
} from './transportErrors';
import { RequestSubject } from './transportTypes';

const ERROR_BODY_LIMIT = 16 * 1024;

/**
 * Reads a body into memory, refusing (before reading when `Content-Length` says so, else as
 * soon as the cap is passed) anything larger than `maxBytes`, and a body that breaks off or
 * is shorter than announced.
 *
 * @internal
 */
export async function readBody(
  registry: RegistryConfig,
  response: Response,
  maxBytes: number,
  request: RequestSubject,
  url: URL,
): Promise<Buffer> {
  const declared = response.headers.get('content-length');
  const declaredLength = declared === null ? undefined : Number(declared);
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    await discard(response);
    throw transportError(registry, request, {
      reason: 'too-large',
      host: url.host,
      detail: `the response announces ${declaredLength} bytes, more than the ${maxBytes} allowed`,
    });
  }
  if (!response.body) {
    return Buffer.alloc(0);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => {});
        throw transportError(registry, request, {
          reason: 'too-large',
          host: url.host,
          detail: `the response is larger than the ${maxBytes} bytes allowed; the download was stopped`,
        });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (
      RegistryError.is(error) ||
      isAbort(error) ||
      findCause(error, isTimeoutCode)
    ) {
      throw error;
    }
    throw transportError(registry, request, {
      reason: 'truncated',
      host: url.host,
      detail: `the response body broke off after ${received} bytes`,
      cause: error,
    });
  }
  const encoding = response.headers.get('content-encoding');
  if (
    declaredLength !== undefined &&
    Number.isFinite(declaredLength) &&
    (!encoding || encoding === 'identity') &&
    received !== declaredLength
  ) {
    throw transportError(registry, request, {
      reason: 'truncated',
      host: url.host,
      detail: `the response body has ${received} of the ${declaredLength} bytes announced`,
    });
  }
  return Buffer.concat(chunks, received);
}

/**
 * Reads at most 16 KiB of an error response's body, for its message; a broken body gives
 * what was read.
 *
 * @internal
 */
export async function readErrorBody(response: Response): Promise<Buffer> {
  if (!response.body) {
    return Buffer.alloc(0);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    while (received < ERROR_BODY_LIMIT) {
      const { done, value } = await reader.read();
      if (done) {
        return Buffer.concat(chunks);
      }
      chunks.push(value);
      received += value.byteLength;
    }
    await reader.cancel().catch(() => {});
  } catch {
    // An error body is only used for the message; a broken one is not worth more.
  }
  return Buffer.concat(chunks).subarray(0, ERROR_BODY_LIMIT);
}

/**
 * Drops the body of a response that is not read.
 *
 * @internal
 */
export async function discard(response: Response) {
  try {
    await response.body?.cancel();
  } catch {
    // The connection is closed either way.
  }
}
