// The GitHub emulator's faults on demand, answered as GitHub answers them:
// a dropped connection, silence, a server error, a body that does not
// parse, a revoked token, the primary rate limit (403 with no requests
// left), the secondary one (403 or 429, with or without Retry-After, its
// requests not used up), and requests GitHub refuses as such (422, 406).
import type { ServerResponse } from 'node:http'

export type GithubFault =
  | { kind: 'drop' | 'timeout' | '5xx' | 'malformed' | '401' | '422' | '406' }
  /** `429` and `secondary` (a 403) send Retry-After only when it is given. */
  | { kind: '429' | 'secondary'; retryAfterSeconds?: number }
  | { kind: 'primary'; resetInSeconds: number }

/** A request the emulator holds without answering ends by itself after this long. */
const silenceMs = 15_000
const docs = 'https://docs.github.com/rest'

function json(response: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(code, { 'content-type': 'application/json; charset=utf-8', ...headers })
  response.end(JSON.stringify(body))
}

/** Answers `fault` on `response`; a held (silent) response is added to `held` so the emulator can end it. */
export function answerFault(
  response: ServerResponse,
  fault: GithubFault,
  context: { now(): number; held: Set<ServerResponse> },
): void {
  if (fault.kind === 'drop') {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.write('[{"id": "')
    response.socket?.destroy()
  } else if (fault.kind === 'timeout') {
    context.held.add(response)
    setTimeout(() => {
      context.held.delete(response)
      response.socket?.destroy()
    }, silenceMs).unref()
  } else if (fault.kind === '5xx') json(response, 502, { message: 'Server Error' })
  else if (fault.kind === 'malformed') {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end('[{"id": "1", "subject": ')
  } else if (fault.kind === '401') json(response, 401, { message: 'Bad credentials' })
  else if (fault.kind === '422') {
    json(response, 422, {
      message: 'Validation Failed',
      errors: [{ resource: 'Notification', field: 'since', code: 'invalid' }],
      documentation_url: docs,
    })
  } else if (fault.kind === '406') {
    json(response, 406, { message: 'Unsupported Media Type', documentation_url: docs })
  } else if (fault.kind === 'primary') {
    const reset = Math.ceil(context.now() / 1000) + fault.resetInSeconds
    json(
      response,
      403,
      { message: 'API rate limit exceeded', documentation_url: docs },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    )
  } else if (fault.kind === '429' || fault.kind === 'secondary') {
    json(
      response,
      fault.kind === '429' ? 429 : 403,
      {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222.',
        documentation_url: docs,
      },
      {
        'x-ratelimit-remaining': '4987',
        ...(fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) }),
      },
    )
  }
}
