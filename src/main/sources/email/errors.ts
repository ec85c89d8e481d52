// IMAP failures as the errors Lull shows: what happened and what to do.
// ImapFlow marks its errors with a code (ECONNREFUSED, ParserError7, …) and,
// for a NO or BAD answer, the server's response code (AUTHENTICATIONFAILED,
// UNAVAILABLE, …); those, not the wording, decide which kind it is.
import { HostError } from '../../../shared/contract'

export type ImapErrorLike = {
  code?: string
  message?: string
  authenticationFailed?: boolean
  tlsFailed?: boolean
  serverResponseCode?: string
  responseStatus?: string
  responseText?: string
  response?: unknown
  reason?: string
  mailboxMissing?: boolean
  throttleReset?: number
}

/** Response codes that mean the sign-in itself was refused (RFC 5530). */
const signInRefused = new Set(['AUTHENTICATIONFAILED', 'AUTHORIZATIONFAILED', 'EXPIRED', 'PRIVACYREQUIRED'])
/** Response codes of a server that is unwell for now (RFC 5530), not of a refusal. */
const serverTrouble = new Set(['UNAVAILABLE', 'SERVERBUG', 'INUSE', 'CORRUPTION'])
/** What an answer Lull cannot read looks like, as ImapFlow's parser says it. */
const unreadableCodes = new Set([
  'InvalidResponse',
  'UnexpectedTag',
  'MissingTag',
  'LineTooLarge',
  'LiteralTooLarge',
  'ResponseTooLarge',
  'TooManyTokens',
  'TooManyResponses',
  'MAX_IMAP_NESTING_REACHED',
  'ResponseProcessingFailed',
  'InvalidStringValue',
  'InvalidTokenValue',
  'InvalidTextValue',
])
const closedCodes = new Set([
  'NoConnection',
  'EConnectionClosed',
  'ECONNRESET',
  'EPIPE',
  'ClosedAfterConnectText',
])
const timeoutCodes = new Set([
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
  'ETIMEDOUT',
])

function textOf(error: ImapErrorLike): string {
  const response = typeof error.response === 'string' ? error.response : ''
  return [error.responseText, response, error.reason, error.message].filter(Boolean).join(' ')
}

/**
 * Seconds the server asked Lull to wait, when it said it is limiting the
 * account's requests (Gmail: "exceeded command or bandwidth limits"; Microsoft:
 * "Request is throttled"; RFC-style servers: a THROTTLED or LIMIT code with
 * "too many"); null when the failure is not a rate limit.
 */
export function rateLimitWait(error: ImapErrorLike): number | null {
  if (error.code === 'ETHROTTLE' && typeof error.throttleReset === 'number')
    return Math.max(1, Math.ceil(error.throttleReset / 1000))
  const text = textOf(error)
  const code = error.serverResponseCode?.toUpperCase()
  const isLimited =
    code === 'THROTTLED' ||
    (code === 'LIMIT' && /too many|rate/i.test(text)) ||
    /too many (requests|commands|simultaneous connections)|exceeded command or bandwidth limits|rate limit|request is throttled/i.test(
      text,
    )
  if (!isLimited) return null
  const seconds = /(\d{1,6})\s*(?:s\b|sec|second)/i.exec(text)
  const minutes = /(\d{1,4})\s*(?:min|minute)/i.exec(text)
  if (seconds) return Math.max(1, Number(seconds[1]))
  if (minutes) return Math.max(1, Number(minutes[1]) * 60)
  return 60
}

export function rateLimited(host: string, until: number, now: number): HostError {
  const seconds = Math.max(1, Math.round((until - now) / 1000))
  return new HostError(
    'rate-limited',
    `The mail server ${host} asked Lull to slow down: it waits ${seconds} s (until ${new Date(until).toISOString()}) and asks nothing of it until then.`,
  )
}

/** No answer within the deadline Lull gives each step. */
export function timedOut(host: string, ms: number): HostError {
  return new HostError(
    'source-unreachable',
    `The mail server ${host} gave no answer within ${Math.round(ms / 100) / 10} s. Lull tries again later.`,
  )
}

export function toHostError(error: unknown, place: { host: string; port: number; user: string }): HostError {
  if (error instanceof HostError) return error
  const failure = (error ?? {}) as ImapErrorLike
  const code = failure.code ?? ''
  const responseCode = failure.serverResponseCode?.toUpperCase() ?? ''
  const said = (failure.responseText ?? failure.reason ?? failure.message ?? String(error)).trim()
  const where = `${place.host}:${place.port}`

  if (failure.authenticationFailed || signInRefused.has(responseCode)) {
    const expired = responseCode === 'EXPIRED' ? ' (the password has expired)' : ''
    return new HostError(
      'bad-credentials',
      `The mail server ${place.host} refused the sign-in for ${place.user}${expired}. Check the user name and password (Gmail, Outlook and Fastmail need an app password, not your account password) and connect the account again.`,
    )
  }
  if (failure.mailboxMissing || responseCode === 'NONEXISTENT') {
    return new HostError(
      'invalid-request',
      `The mail server ${place.host} has no such mailbox any more (${said}). It may have been renamed or deleted; pick the mailboxes again in the account's settings.`,
    )
  }
  if (code === 'ECONNREFUSED') {
    return new HostError(
      'source-unreachable',
      `Nothing answers at ${where} (connection refused). Check the server name and port, or wait until the server is back; Lull tries again later.`,
    )
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new HostError(
      'source-unreachable',
      `The mail server ${place.host} could not be found. Check the server name and that this computer is online; Lull tries again later.`,
    )
  }
  if (timeoutCodes.has(code)) {
    return new HostError(
      'source-unreachable',
      `The mail server at ${where} did not answer in time (${code}). Lull tries again later.`,
    )
  }
  if (
    failure.tlsFailed ||
    code.startsWith('ERR_TLS') ||
    /certificate|SSL routines|wrong version number/i.test(said)
  ) {
    return new HostError(
      'source-unreachable',
      `A secure connection to ${where} failed (${said}). Check the port and security: TLS is usually port 993, STARTTLS port 143.`,
    )
  }
  if (code.startsWith('ParserError') || unreadableCodes.has(code)) {
    return new HostError(
      'source-junk',
      `The mail server ${place.host} answered with something Lull could not read (${code}). Nothing was stored; Lull tries again later.`,
    )
  }
  if (serverTrouble.has(responseCode)) {
    return new HostError(
      'source-unreachable',
      `The mail server ${place.host} had a problem (${responseCode}: ${said}). Lull tries again later.`,
    )
  }
  if (
    closedCodes.has(code) ||
    /connection (closed|not available)|socket (hang up|closed)|ended/i.test(said)
  ) {
    return new HostError(
      'source-unreachable',
      `The connection to the mail server ${place.host} closed before its answer was complete. Lull tries again later.`,
    )
  }
  if (failure.responseStatus === 'NO' || failure.responseStatus === 'BAD') {
    return new HostError(
      'refused',
      `The mail server ${place.host} refused the request (${failure.responseStatus}${responseCode ? ` [${responseCode}]` : ''}: ${said}).`,
    )
  }
  return new HostError(
    'source-unreachable',
    `The mail server ${place.host} could not be reached (${said}). Lull tries again later.`,
  )
}
