// A certificate fingerprint as a person may type it, and what Lull trusts
// besides the usual roots.
import { rootCertificates } from 'node:tls'
import { describe, expect, it } from 'vitest'
import { imapPlace } from '../../../src/main/sources/email/connect'
import { normalizeFingerprint, tlsOptions } from '../../../src/main/sources/email/tls-trust'

const colons =
  'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89'

describe('a fingerprint', () => {
  it('reads the same with colons, spaces or neither, in any case', () => {
    expect(normalizeFingerprint(colons.toLowerCase())).toBe(colons)
    expect(normalizeFingerprint(colons.replace(/:/g, ' '))).toBe(colons)
    expect(normalizeFingerprint(colons.replace(/:/g, ''))).toBe(colons)
  })

  it('is refused when it is not 32 bytes', () => {
    expect(normalizeFingerprint(colons.slice(3))).toBeNull()
  })
})

describe('what is trusted', () => {
  const credentials = { host: 'imap.corp.example.test', user: 'ada', password: 'x' }

  it('adds a CA the person gave to the usual roots, not in their place', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
    const options = tlsOptions(imapPlace({ ...credentials, caPem: pem }), null)
    expect(options?.ca).toEqual(expect.arrayContaining([...rootCertificates, pem]))
  })
})
