// A company mail server with its own certificate authority, as Dovecot with
// a certificate from a CA made here by openssl: refused with the certificate
// named (subject, issuer, SHA-256 fingerprint) and no sign-in sent; accepted
// once the person trusts that fingerprint or the CA; refused again when the
// pinned fingerprint is not the server's.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmailSourceFactory } from '../../src/main/sources/email'
import type { Source } from '../../src/main/sources/source'
import { type Credentials, HostError } from '../../src/shared/contract'
import { type Dovecot, isDovecotAvailable, startDovecot } from '../support/dovecot'

const run = promisify(execFile)
const openssl = '/usr/bin/openssl'
const user = 'ada@corp.example.test'
const password = 'tls-password'

let dovecot: Dovecot
let dir: string
let caPem: string
let fingerprint: string
const sources: Source[] = []

/** A CA, and a server certificate it signed for mail.corp.example.test and 127.0.0.1. */
async function makeCertificates(folder: string): Promise<{ certFile: string; keyFile: string }> {
  const at = (name: string) => join(folder, name)
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  await run(openssl, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Corp Test CA/O=Example Corp',
  ])
  await run(openssl, [
    'req',
    ...ec,
    '-keyout',
    at('server.key'),
    '-out',
    at('server.csr'),
    '-subj',
    '/CN=mail.corp.example.test/O=Example Corp',
  ])
  await writeFile(at('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:mail.corp.example.test\n')
  await run(openssl, [
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    at('ext.cnf'),
    '-out',
    at('server.pem'),
  ])
  return { certFile: at('server.pem'), keyFile: at('server.key') }
}

function sourceFor(credentials: Partial<Credentials>): Source {
  const source = createEmailSourceFactory({ connectTimeoutMs: 5_000, requestTimeoutMs: 5_000 })(
    { id: 'email-tls', kind: 'email' },
    { host: '127.0.0.1', port: dovecot.tlsPort ?? 0, security: 'tls', user, password, ...credentials },
  )
  sources.push(source)
  return source
}

async function failureOf(call: Promise<unknown>): Promise<HostError> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  )
  if (error instanceof HostError) return error
  throw new Error(`expected a HostError, the call ended with ${String(error)}`)
}

describe.runIf(isDovecotAvailable() && existsSync(openssl))(
  'an email server with its own certificate authority',
  () => {
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'lull-tls-'))
      const files = await makeCertificates(dir)
      caPem = await readFile(join(dir, 'ca.pem'), 'utf8')
      // Worked out by openssl, not by the code under test.
      const { stdout } = await run(openssl, [
        'x509',
        '-in',
        files.certFile,
        '-noout',
        '-fingerprint',
        '-sha256',
      ])
      fingerprint = stdout.trim().split('=')[1] ?? ''
      dovecot = await startDovecot({ users: [{ name: user, password }], tls: files })
    })
    afterAll(async () => {
      for (const source of sources) await source.close?.()
      await dovecot?.stop()
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    it('refuses the server, naming its certificate and fingerprint and what to do, without signing in', async () => {
      const refused = await failureOf(sourceFor({}).verify())
      expect(refused.code).toBe('refused')
      expect(refused.message).toContain(`SHA-256 fingerprint: ${fingerprint}`)
      expect(refused.message).toContain('CN=mail.corp.example.test')
      expect(refused.message).toContain('issued by CN=Corp Test CA, O=Example Corp')
      expect(refused.message).toContain("Trust this server's certificate")
      expect(await dovecot.log()).not.toMatch(/Login: user=</)
    })

    it('names the certificate over STARTTLS too', async () => {
      const refused = await failureOf(sourceFor({ port: dovecot.port, security: 'starttls' }).verify())
      expect(refused.message).toContain(`SHA-256 fingerprint: ${fingerprint}`)
    })

    it('connects and pulls once the person trusts that fingerprint', async () => {
      await dovecot.deliver(
        user,
        'INBOX',
        'From: <it@corp.example.test>\r\nSubject: Welcome\r\nMessage-ID: <tls-1@corp.example.test>\r\n\r\nHello.\r\n',
      )
      const source = sourceFor({ trustedCertFingerprint: fingerprint })
      expect(await source.verify()).toEqual({ identity: `${user} (127.0.0.1)` })
      const page = await source.pull('INBOX', null)
      expect(page.items).toHaveLength(1)
    })

    it('takes the fingerprint however it is written: lower case, without colons', async () => {
      const typed = fingerprint.replace(/:/g, '').toLowerCase()
      expect(await sourceFor({ trustedCertFingerprint: typed }).verify()).toEqual({
        identity: `${user} (127.0.0.1)`,
      })
    })

    it('connects once the person gives the CA certificate', async () => {
      expect(await sourceFor({ caPem }).verify()).toEqual({ identity: `${user} (127.0.0.1)` })
    })

    it('connects over STARTTLS with the fingerprint trusted', async () => {
      const source = sourceFor({
        port: dovecot.port,
        security: 'starttls',
        trustedCertFingerprint: fingerprint,
      })
      expect(await source.verify()).toEqual({ identity: `${user} (127.0.0.1)` })
    })

    it('refuses a server whose certificate is not the pinned one, naming the one it has', async () => {
      const other = fingerprint.replace(/^[0-9A-F]{2}/, (first) => (first === '00' ? '11' : '00'))
      const refused = await failureOf(sourceFor({ trustedCertFingerprint: other }).verify())
      expect(refused.code).toBe('refused')
      expect(refused.message).toContain(`than the one you trusted (SHA-256 ${other})`)
      expect(refused.message).toContain(`SHA-256 fingerprint: ${fingerprint}`)
    })
  },
)
