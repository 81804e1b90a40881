import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A self-signed certificate and its private key, in PEM.
 *
 * @public
 */
export interface TestCertificate {
  /** The certificate (also its own CA). */
  cert: string;
  /** The PKCS#8 private key. */
  key: string;
}

/**
 * Creates a throwaway self-signed P-256 certificate with `openssl`, valid for two days,
 * for a loopback TLS server (`ipAddresses`) or for signing test tokens.
 *
 * @public
 */
export async function createTestCertificate(
  options: {
    commonName?: string;
    ipAddresses?: string[];
    dnsNames?: string[];
  } = {},
): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'kitstage-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    const altNames = [
      ...(options.ipAddresses ?? []).map(ip => `IP:${ip}`),
      ...(options.dnsNames ?? []).map(name => `DNS:${name}`),
    ];
    const args = [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      `/CN=${options.commonName ?? 'kitstage-test'}`,
    ];
    if (altNames.length > 0) {
      args.push('-addext', `subjectAltName=${altNames.join(',')}`);
    }
    await run('openssl', args);
    return {
      cert: await readFile(certPath, 'utf8'),
      key: await readFile(keyPath, 'utf8'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
