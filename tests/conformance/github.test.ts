// The GitHub source runs the conformance suite against the GitHub emulator.
// Its two streams are "participating" (threads that mention or ask the
// person) and "notifications" (every thread); a message said on
// "notifications" is a thread the person only watches, so the streams hold
// different items, as the suite asks. A message is an issue opened with it
// as its title, or a comment when it is long or carries markup. One pull is
// one list request, so a fault at "page k" is a fault on the k-th one.
import { vi } from 'vitest'
import { createGithubSourceFactory } from '../../src/main/sources/github'
import { startGithubEmulator } from '../emulators/github/server'
import type { ConformanceAdapter, SaidMessage, SuiteClock } from './adapter'
import { describeSourceConformance } from './suite'

const oneMegabyte = 1024 * 1024

// A timeout at page k waits out the source's deadline (counted from when a
// request leaves, so Octokit's spacing of status changes a second apart
// does not count), and Octokit's spacing makes a status test take seconds:
// far more time is allowed than either needs, so a busy machine is no failure.
const requestDeadlineMs = 2_000
vi.setConfig({ testTimeout: 30_000 })

async function createGithubAdapter(clock: SuiteClock): Promise<ConformanceAdapter> {
  const emulator = await startGithubEmulator({ now: () => clock.now() })
  // A person says something on GitHub by opening an issue (its title) or by commenting on one.
  const say = (stream: string, message: SaidMessage) => {
    emulator.say({ title: message.text, isParticipating: stream === 'participating' })
  }
  const comment = (stream: string, text: string) => {
    emulator.say({
      title: 'A thread for the conformance suite',
      comment: { body: text, login: 'hubot' },
      isParticipating: stream === 'participating',
    })
  }
  return {
    kind: 'github',
    credentials: { token: emulator.token(), baseUrl: emulator.url },
    factory: createGithubSourceFactory({
      now: () => clock.now(),
      requestTimeoutMs: requestDeadlineMs,
      retryBaseMs: 10,
    }),
    streams: ['participating', 'notifications'],
    say,
    sayHuge: (stream, token) => comment(stream, `${token} ${'x'.repeat(oneMegabyte)}`),
    // GitHub hands a comment's body back as the person typed it (Markdown, never rendered here).
    sayMarkup: (stream, text) => comment(stream, text),
    credentialOrigin: new URL(emulator.url).origin,
    sayWithLinkTo: (stream, message, url) => {
      emulator.say({
        title: message.text,
        comment: { body: 'the comment behind the link', login: 'hubot' },
        latestCommentUrl: url,
        isParticipating: stream === 'participating',
      })
    },
    failNext: (fault) => {
      if (fault.kind === '429')
        emulator.failList({ kind: '429', retryAfterSeconds: fault.retryAfterSeconds ?? 60 }, fault.page ?? 0)
      else emulator.failList({ kind: fault.kind }, fault.page ?? 0)
    },
    revokeCredentials: () => emulator.revoke(),
    requestCount: () => emulator.requestCount(),
    writes: { done: () => emulator.writes().done, read: () => emulator.writes().read },
    focusStatus: { read: () => emulator.status(), setAsPerson: (status) => emulator.setStatus(status) },
    stop: () => emulator.stop(),
  }
}

// GitHub cannot push: its notifications are polled (conditionally, at X-Poll-Interval).
describeSourceConformance(
  'the GitHub source',
  createGithubAdapter,
  { watch: false, writes: true, focusStatus: true },
  { links: true },
)
