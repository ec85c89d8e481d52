// Starts browser mode the way `npm run web` does, on a free port, with the
// sample workspace under the test's control.
import { resolve } from 'node:path'
import { createLog } from '../../src/main/log'
import { createSampleWorkspace, type SampleOptions } from '../../src/main/sources/sample'
import type { SourceFactory } from '../../src/main/sources/source'
import { createMemoryVault } from '../../src/main/vault'
import { startWebHost } from '../../src/main/web/bridge-server'
import { createRecordingPorts } from '../../src/main/web/os-standins'
import type { AccountKind } from '../../src/shared/model'

export async function startTestWebHost(
  sample: SampleOptions,
  options: { sources?: Partial<Record<AccountKind, SourceFactory>> } = {},
) {
  const log = createLog(() => {})
  // As `npm run web` runs it: the sample workspace pushes changes like a real source.
  const workspace = createSampleWorkspace({ canWatch: true, ...sample })
  const ports = createRecordingPorts(log)
  const host = await startWebHost({
    rendererDir: resolve(process.env.LULL_RENDERER_DIR ?? 'out/renderer'),
    platform: 'test',
    vault: createMemoryVault(),
    sources: { ...options.sources, sample: workspace.factory },
    os: ports,
    log,
  })
  return { ...host, workspace, ports, log }
}

const slackStreams = { '#general': 'slack-general', '#incidents': 'slack-incidents' } as const

/** A Slack message as the sample workspace would say it, for a test to inject. */
export function slackMessage(message: {
  channel: keyof typeof slackStreams
  thread: string
  author: string
  text: string
  needsReply?: boolean
}) {
  return {
    source: 'slack' as const,
    stream: slackStreams[message.channel],
    threadKey: `slack:${message.thread}`,
    container: message.channel,
    author: { id: `U-${message.author}`, name: message.author },
    title: `${message.author} in ${message.channel}`,
    text: message.text,
    sentAt: Date.now(),
    needsReply: message.needsReply ?? false,
  }
}
