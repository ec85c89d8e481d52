// The Slack Web API client as Lull uses it: through the platform's fetch
// (counted in the request ledger, through the system's proxy in the app),
// with a deadline on every request. A rate-limited call is rejected, not
// slept on: the client's default is ten retries over half an hour, but a
// desktop poll loop has its own schedule, so a 429 becomes a "rate-limited"
// answer that says when, and Lull asks that method nothing until then.
// Other failures are not retried here either: the engine pulls again with
// backoff, and a failed pull stores nothing.
import { LogLevel, WebClient } from '@slack/web-api'
import { HostError } from '../../../shared/contract'

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Where Slack's Web API is: slack.com, or the base URL the account names.
 * Only https is accepted, except http on this computer (the emulator), the
 * same rule as GitHub's and IMAP's: the token rides on every request.
 */
export function slackApiUrl(baseUrl: string | undefined): string {
  const typed = baseUrl?.trim() ?? ''
  if (typed === '') return 'https://slack.com/api/'
  let url: URL
  try {
    url = new URL(typed)
  } catch {
    throw new HostError(
      'invalid-request',
      `'${typed.slice(0, 200)}' is not an address of Slack's Web API. Leave it empty for slack.com, or type it like https://slack.com/api/.`,
    )
  }
  const isLoopback = loopback.has(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw new HostError(
      'invalid-request',
      `Lull reaches Slack over https only, so your token never crosses the network in the clear. Use https://${url.host}${url.pathname}.`,
    )
  }
  // The client joins method names onto the base, so it must end in a slash.
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}

export function createSlackClient(input: {
  token: string
  apiUrl: string
  fetch: typeof globalThis.fetch
  timeoutMs: number
}): WebClient {
  return new WebClient(input.token, {
    slackApiUrl: input.apiUrl,
    fetch: input.fetch,
    timeout: input.timeoutMs,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    // Failures are answered as Lull's own errors and logged by main, never with the token.
    logLevel: LogLevel.ERROR,
    logger: silentLogger,
    allowAbsoluteUrls: false,
  })
}

export const silentLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
}
