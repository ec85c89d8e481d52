// Where an email account's IMAP server is and how Lull signs in to it, from
// what the person typed: ImapFlow's options, checked first. Plain IMAP would
// send the password readable by anyone on the path, so it is accepted only
// for a server on this machine.
import type { ConnectionOptions } from 'node:tls'
import type { ImapFlowOptions, Logger } from 'imapflow'
import { HostError } from '../../../shared/contract'
import { type MailPreset, presetFor, type Security } from '../../../shared/mail-presets'
import type { Credentials } from '../../vault'

export type ImapPlace = {
  host: string
  port: number
  security: Security
  user: string
  auth: { user: string; pass: string } | { user: string; accessToken: string }
  preset: MailPreset | undefined
  /** A certificate the person trusted for this server besides the usual roots (see tls-trust). */
  trust: { fingerprint?: string; caPem?: string }
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

export function isLoopback(host: string): boolean {
  return loopbackHosts.has(host.trim().toLowerCase())
}

/** The server and sign-in from the account's credentials; a HostError saying what is missing otherwise. */
export function imapPlace(credentials: Credentials | null): ImapPlace {
  const user = credentials?.user?.trim()
  if (!user) throw new HostError('invalid-request', 'Type the user name (usually your email address).')
  const preset = presetFor({ host: credentials?.host, user })
  const host = credentials?.host?.trim() || preset?.host
  if (!host) {
    throw new HostError(
      'invalid-request',
      'Type the IMAP server name (for example imap.example.com); your mail provider lists it in its help pages.',
    )
  }
  const security = credentials?.security ?? preset?.security ?? 'tls'
  if (security === 'plain' && !isLoopback(host)) {
    throw new HostError(
      'invalid-request',
      `Plain IMAP would send your password to ${host} unencrypted. Choose TLS (usually port 993) or STARTTLS (usually port 143); plain is accepted only for a server on this computer.`,
    )
  }
  const port = credentials?.port ?? (security === 'tls' ? 993 : 143)
  let auth: ImapPlace['auth']
  if (credentials?.accessToken) auth = { user, accessToken: credentials.accessToken }
  else if (credentials?.password) auth = { user, pass: credentials.password }
  else {
    throw new HostError(
      'invalid-request',
      'Type the password (Gmail, Outlook and Fastmail need an app password) or give an access token.',
    )
  }
  const trust = {
    ...(credentials?.trustedCertFingerprint ? { fingerprint: credentials.trustedCertFingerprint } : {}),
    ...(credentials?.caPem ? { caPem: credentials.caPem } : {}),
  }
  return { host, port, security, user, auth, preset, trust }
}

export type Timeouts = {
  /** TCP and TLS handshake, and the server's greeting. */
  connectMs: number
  /** Inactivity on the socket before ImapFlow gives up on it. */
  socketMs: number
}

export function clientOptions(
  place: ImapPlace,
  timeouts: Timeouts,
  logger: Logger | false = false,
  tls?: ConnectionOptions,
): ImapFlowOptions {
  return {
    ...(tls ? { tls } : {}),
    host: place.host,
    port: place.port,
    secure: place.security === 'tls',
    // STARTTLS must happen when asked for: a server that stops offering it is a failure, not a downgrade.
    doSTARTTLS: place.security === 'starttls' ? true : place.security === 'plain' ? false : undefined,
    auth: place.auth,
    logger,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.connectMs,
    socketTimeout: timeouts.socketMs,
    clientInfo: { name: 'Lull' },
    // Only the watch idles, and it asks for it itself.
    disableAutoIdle: true,
  }
}

/**
 * A logger that keeps only the last error ImapFlow reported. ImapFlow
 * answers a command the server refused (NO, BAD) with `false` rather than an
 * error, and says why only to its logger; this is how the why is kept.
 * `forget` starts afresh, for the next piece of work on a kept connection.
 */
export function errorTrap(): { logger: Logger; last(): unknown; forget(): void } {
  let last: unknown = null
  const keep = (entry: unknown) => {
    const err = (entry as { err?: unknown } | null)?.err
    if (err) last = err
  }
  const quiet = () => {}
  return {
    logger: { trace: quiet, debug: quiet, info: quiet, warn: keep, error: keep, fatal: keep },
    last: () => last,
    forget: () => {
      last = null
    },
  }
}
