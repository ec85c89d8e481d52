// The sample workspace runs the conformance suite like any other source:
// its in-process workspace plays the server, with faults on demand.
import { createSampleWorkspace } from '../../src/main/sources/sample'
import { sampleStreams } from '../../src/main/sources/sample/traffic'
import type { ConformanceAdapter, SaidMessage, SuiteClock } from './adapter'
import { describeSourceConformance } from './suite'

const oneMegabyte = 1024 * 1024

function createSampleAdapter(clock: SuiteClock): ConformanceAdapter {
  const workspace = createSampleWorkspace({ isScripted: false, canWatch: true, now: () => clock.now() })
  const { controls } = workspace
  let said = 0

  function say(stream: string, message: SaidMessage) {
    const where = sampleStreams.find((candidate) => candidate.id === stream)
    if (!where) throw new Error(`the sample workspace has no stream ${stream}`)
    said += 1
    workspace.inject({
      source: where.source,
      stream,
      threadKey: `${stream}:conformance-${said}`,
      container: where.name,
      author: message.author ?? { id: 'U01DANA', name: 'Dana Whitfield' },
      title: message.title ?? `Message ${said} in ${where.name}`,
      text: message.text,
      sentAt: clock.now(),
      needsReply: message.needsReply ?? false,
    })
  }

  return {
    kind: 'sample',
    credentials: {},
    factory: workspace.factory,
    streams: ['slack-general', 'github', 'email'],
    say,
    sayHuge: (stream, token) => say(stream, { text: `${token} ${'x'.repeat(oneMegabyte)}` }),
    // The workspace carries text as typed: there is no wire format to escape into.
    sayMarkup: (stream, text) => say(stream, { text }),
    failNext: (fault) => controls.failNext(fault),
    revokeCredentials: () => controls.revokeCredentials(),
    requestCount: () => controls.requestCount(),
    watch: { drop: (stream) => void controls.dropWatch(stream) },
    writes: { done: () => controls.writes().done, read: () => controls.writes().read },
    focusStatus: {
      read: () => controls.focusStatus(),
      setAsPerson: (status) => controls.setFocusStatusAsPerson(status),
    },
  }
}

describeSourceConformance('the sample workspace', createSampleAdapter)
