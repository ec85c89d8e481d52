// Which certificates an email account's server may present. By default the
// roots Node ships (Electron's Node too: it does not read the operating
// system's store) plus the system's own store where the runtime can read it
// (Node 22.15+; Node 20 cannot). A company server with its own certificate
// authority is trusted only when the person says so: a CA certificate (PEM)
// they give, or the server's own certificate pinned by its SHA-256
// fingerprint, which Lull shows them first. To show it, a refused handshake
// is repeated once only to read the certificate: nothing else is sent.
import { X509Certificate } from 'node:crypto'
import { connect as connectTcp, isIP, type Socket } from 'node:net'
import * as tls from 'node:tls'
import { type ConnectionOptions, type PeerCertificate, rootCertificates, type TLSSocket } from 'node:tls'
import { HostError } from '../../../shared/contract'
import { cleanName } from '../../../shared/display-text'
import type { ImapPlace } from './connect'

/** What the person chose to trust besides the usual roots. */
export type CertificateTrust = { fingerprint?: string; caPem?: string }

export type ServerCertificate = {
  subject: string
  issuer: string
  /** SHA-256 of the certificate, as AB:CD:… (upper case, colons), the way certificate viewers show it. */
  fingerprint: string
  validTo: string
  /** The certificate itself, to trust as the anchor of its own chain when it is the pinned one. */
  pem: string
  /** Why this computer does not trust it (OpenSSL's code), or null when it does. */
  problem: string | null
}

/** A fingerprint as AB:CD:…, whatever separators and case it was typed with; null unless it is 32 bytes. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[^0-9a-f]/gi, '').toUpperCase()
  if (hex.length !== 64) return null
  return hex.match(/../g)?.join(':') ?? null
}

/** The system's certificate store, where the runtime can read it (Node 22.15+ and Electron built on it). */
function systemCertificates(): string[] {
  const runtime = tls as unknown as { getCACertificates?: (type: 'system') => string[] }
  try {
    return runtime.getCACertificates?.('system') ?? []
  } catch {
    return []
  }
}

let systemStore: string[] | null = null
/** The store read once: it changes when an administrator installs a root, not between two pulls. */
function systemStoreOnce(): string[] {
  systemStore ??= systemCertificates()
  return systemStore
}

/** The error a pinned connection fails with when the server's certificate is not the pinned one. */
const pinMismatch = 'ERR_LULL_CERTIFICATE_NOT_PINNED'

/**
 * ImapFlow's `tls` options for the place. A pinned certificate is made the
 * only anchor (so its own chain verifies whoever issued it) and then must be
 * exactly it, by fingerprint, instead of matching the host name: the person
 * trusted this certificate for this server, nothing wider.
 */
export function tlsOptions(
  place: ImapPlace,
  pinned: ServerCertificate | null,
): ConnectionOptions | undefined {
  const pin = place.trust.fingerprint ? normalizeFingerprint(place.trust.fingerprint) : null
  if (pin && pinned) {
    return {
      ca: [pinned.pem],
      allowPartialTrustChain: true,
      checkServerIdentity: (_host: string, certificate: PeerCertificate) => {
        if (normalizeFingerprint(certificate.fingerprint256 ?? '') === pin) return undefined
        return Object.assign(new Error('The server presented another certificate than the pinned one.'), {
          code: pinMismatch,
        })
      },
    }
  }
  const system = systemStoreOnce()
  if (!place.trust.caPem && system.length === 0) return undefined
  // `ca` replaces the default roots, so they are given again alongside.
  return { ca: [...rootCertificates, ...system, ...(place.trust.caPem ? [place.trust.caPem] : [])] }
}

/** OpenSSL's and Node's codes for a certificate this computer does not accept. */
const certificateCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  pinMismatch,
])

export function isCertificateFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code
  return certificateCodes.has(String(code)) || certificateCodes.has(String(cause))
}

function nameOf(part: PeerCertificate['subject'] | undefined): string {
  if (!part) return '(none)'
  const fields = Object.entries(part).map(([key, value]) => {
    const text = Array.isArray(value) ? value.join(' + ') : String(value)
    return `${key}=${cleanName(text)}`
  })
  return fields.length > 0 ? fields.join(', ') : '(none)'
}

function certificateOf(socket: TLSSocket): ServerCertificate | null {
  const peer = socket.getPeerCertificate()
  if (!peer?.raw) return null
  const problem = socket.authorized ? null : String(socket.authorizationError ?? 'not trusted')
  return {
    subject: nameOf(peer.subject),
    issuer: nameOf(peer.issuer),
    fingerprint: normalizeFingerprint(peer.fingerprint256 ?? '') ?? peer.fingerprint256 ?? '',
    validTo: peer.valid_to ?? '',
    pem: new X509Certificate(peer.raw).toString(),
    problem,
  }
}

/** A plain connection taken to the point where STARTTLS said OK: the greeting read, STARTTLS sent, nothing else. */
function afterStartTls(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = ''
    let hasAsked = false
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1')
      if (seen.length > 16_384) return fail(new Error('the server said too much before STARTTLS'))
      if (!hasAsked && /\r?\n/.test(seen)) {
        if (!/^\* (OK|PREAUTH)/i.test(seen)) return fail(new Error('the server did not greet'))
        hasAsked = true
        seen = ''
        socket.write('L1 STARTTLS\r\n')
        return
      }
      const answer = /^L1 (OK|NO|BAD)\b.*$/im.exec(seen)
      if (!answer) return
      socket.off('data', onData)
      if (answer[1]?.toUpperCase() === 'OK') resolve()
      else fail(new Error(`the server refused STARTTLS (${answer[0].trim()})`))
    }
    const fail = (error: Error) => {
      socket.off('data', onData)
      reject(error)
    }
    socket.on('data', onData)
    socket.on('error', fail)
    socket.on('close', () => fail(new Error('the server closed the connection')))
  })
}

/**
 * The certificate the server presents, read over a handshake that accepts
 * any, only to read it: the connection is closed the moment it is read, and
 * nothing (no sign-in, no command but STARTTLS where the account uses it)
 * is sent on it.
 */
export async function readServerCertificate(place: ImapPlace, timeoutMs: number): Promise<ServerCertificate> {
  const servername = isIP(place.host) ? undefined : place.host
  let plain: Socket | undefined
  let secure: TLSSocket | undefined
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      (async () => {
        if (place.security === 'starttls') {
          plain = connectTcp(place.port, place.host)
          plain.on('error', () => {})
          await afterStartTls(plain)
        }
        const handshake = tls.connect({
          ...(plain ? { socket: plain } : { host: place.host, port: place.port }),
          ...(servername ? { servername } : {}),
          rejectUnauthorized: false,
        })
        secure = handshake
        await new Promise<void>((resolve, reject) => {
          handshake.once('secureConnect', () => resolve())
          handshake.on('error', reject)
        })
        const certificate = certificateOf(handshake)
        if (!certificate) throw new Error('the server presented no certificate')
        return certificate
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer in time')), timeoutMs)
      }),
    ])
  } finally {
    clearTimeout(timer)
    // The TLS socket owns the plain one under it; destroying that one first crashes Node 20 (a segfault).
    if (secure) secure.destroy()
    else plain?.destroy()
  }
}

/** Why this computer refuses it, in words, from OpenSSL's code. */
function reasonOf(problem: string | null, validTo: string): string {
  switch (problem) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'it is signed by itself, not by a certificate authority this computer knows'
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_UNTRUSTED':
      return 'it comes from a certificate authority this computer does not know'
    case 'CERT_HAS_EXPIRED':
      return `it expired (${validTo})`
    case 'CERT_NOT_YET_VALID':
      return 'it is not valid yet'
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return 'it is made out for another server name'
    default:
      return problem ? `it is not accepted (${problem})` : 'it is not accepted'
  }
}

function describe(certificate: ServerCertificate): string {
  return `Certificate: ${certificate.subject}, issued by ${certificate.issuer}, valid until ${certificate.validTo}. SHA-256 fingerprint: ${certificate.fingerprint}.`
}

/** The refusal that names the certificate and says what the person can do about it. */
export function untrustedCertificate(place: ImapPlace, certificate: ServerCertificate): HostError {
  const pin = place.trust.fingerprint ? normalizeFingerprint(place.trust.fingerprint) : null
  if (pin && pin !== certificate.fingerprint) {
    return new HostError(
      'refused',
      `The mail server ${place.host} now presents another certificate than the one you trusted (SHA-256 ${pin}), so Lull did not sign in. ${describe(certificate)} If your organisation renewed it, check this fingerprint with whoever runs the server, then connect the account again and trust it; if not, someone may be in the way.`,
    )
  }
  return new HostError(
    'refused',
    `The mail server ${place.host} presented a certificate this computer does not trust: ${reasonOf(certificate.problem, certificate.validTo)}. Lull did not sign in. ${describe(certificate)} If your organisation runs its own mail server, ask whoever runs it whether this is its fingerprint; if it is, tick "Trust this server's certificate" (or give your organisation's CA certificate) and connect again. If it is not, do not connect: someone may be in the way.`,
  )
}

/** When the certificate could not even be read, the refusal still says what kind of failure it was. */
export function unreadableCertificate(place: ImapPlace, error: unknown): HostError {
  const code = (error as { code?: unknown } | null)?.code
  return new HostError(
    'refused',
    `The mail server ${place.host} presented a certificate this computer does not trust (${String(code ?? 'unknown')}), and Lull could not read it again to show you. Lull did not sign in; try again to see the certificate and its fingerprint.`,
  )
}
