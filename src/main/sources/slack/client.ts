// The Slack Web API client as Lull uses it: through the platform's fetch
// (counted in the request ledger, through the system's proxy in the app),
// with a deadline on every request. A rate-limited call is rejected, not
// slept on: the client's default is ten retries over half an hour, but a
// desktop poll loop has its own schedule, so a 429 becomes a "rate-limited"
// answer that says when, and Lull asks that method nothing until then.
// Other failures are not retried here either: the engine pulls again with
// backoff, and a failed pull stores nothing.
import { LogLevel, WebClient } from '@slack/web-api'

export function slackApiUrl(baseUrl: string | undefined): string {
  return baseUrl ?? 'https://slack.com/api/'
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
