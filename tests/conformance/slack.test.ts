// The Slack source runs the conformance suite against the Slack emulator,
// over a public channel and a DM, with Socket Mode on (an app-level token),
// so the suite's watch is a real WebSocket that the emulator can drop. A
// message is said by a colleague; Slack escapes &, < and > in what it
// carries, as the real one does. One pull is one history request, so a
// fault at "page k" is a fault on the k-th one.
import { createSlackSourceFactory } from '../../src/main/sources/slack'
import { startSlackEmulator } from '../emulators/slack/server'
import type { ConformanceAdapter, SuiteClock } from './adapter'
import { describeSourceConformance } from './suite'

const oneMegabyte = 1024 * 1024

/** How Slack carries what a person typed: only &, < and > are escaped. */
export function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

async function createSlackAdapter(clock: SuiteClock): Promise<ConformanceAdapter> {
  const emulator = await startSlackEmulator({ now: () => clock.now() })
  emulator.addUser('U0DANA', 'Dana Scully')
  emulator.addConversation({ id: 'C0GENERAL', name: 'general', kind: 'channel' })
  emulator.addConversation({ id: 'D0DANA', name: 'D0DANA', kind: 'im', user: 'U0DANA' })
  return {
    kind: 'slack',
    credentials: { token: emulator.token(), appToken: emulator.appToken(), baseUrl: emulator.url },
    factory: createSlackSourceFactory({ now: () => clock.now(), requestTimeoutMs: 2_000 }),
    streams: ['C0GENERAL', 'D0DANA'],
    say: (stream, message) => {
      emulator.say({ channel: stream, text: slackEscape(message.text) })
    },
    sayHuge: (stream, token) => {
      emulator.say({ channel: stream, text: `${token} ${'x'.repeat(oneMegabyte)}` })
    },
    sayMarkup: (stream, text) => {
      emulator.say({ channel: stream, text: slackEscape(text) })
    },
    credentialOrigin: new URL(emulator.url).origin,
    failNext: (fault) => {
      if (fault.kind === '429')
        emulator.failPull({ kind: '429', retryAfterSeconds: fault.retryAfterSeconds ?? 60 }, fault.page ?? 0)
      else emulator.failPull({ kind: fault.kind }, fault.page ?? 0)
    },
    revokeCredentials: () => emulator.revoke(),
    requestCount: () => emulator.requestCount(),
    watch: { drop: () => emulator.dropSockets() },
    focusStatus: { read: () => emulator.status(), setAsPerson: (status) => emulator.setStatus(status) },
    stop: () => emulator.stop(),
  }
}

// Slack has nothing like "done" for a message, and marking a channel read
// would need write scopes the manifest does not ask for: no write-back.
describeSourceConformance(
  'the Slack source',
  createSlackAdapter,
  { watch: true, writes: false, focusStatus: true },
  { links: false },
)
