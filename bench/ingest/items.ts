// Items shaped like real pulls from three streams (a Slack channel, GitHub
// notifications, an IMAP inbox), with ids the way sources make them: Slack
// timestamps, GitHub thread ids, IMAP UIDs (not zero-padded, so they do not
// sort in number order). Deterministic, so every phase writes the same rows.
import type { SourceItem } from '../../src/shared/model'

export type BenchStream = { accountId: string; stream: string; items: SourceItem[] }

const words =
  'deploy review merge incident latency rollback schema migration build flaky test cache queue'.split(' ')

function sentence(n: number): string {
  const parts: string[] = []
  for (let i = 0; i < 18; i++) parts.push(words[(n * 7 + i * 3) % words.length]!)
  return parts.join(' ')
}

function common(n: number) {
  return {
    author: { id: `U${n % 97}`, name: `Person ${n % 97}` },
    title: `Update ${n}: ${words[n % words.length]}`,
    text: sentence(n),
    sentAt: 1_700_000_000_000 + n * 1_000,
    needsReply: n % 11 === 0,
  }
}

function slackItem(n: number): SourceItem {
  const ts = `${1_700_000_000 + n}.000${100 + (n % 900)}`
  return {
    ...common(n),
    id: `slack-1:C01:${ts}`,
    accountId: 'slack-1',
    source: 'slack',
    stream: 'C01',
    externalId: `C01:${ts}`,
    threadKey: `C01:${1_700_000_000 + n - (n % 5)}.000100`,
    container: '#general',
    url: `https://acme.slack.com/archives/C01/p${ts.replace('.', '')}`,
  }
}

function githubItem(n: number): SourceItem {
  const thread = `${9_000_000_000 + n}`
  return {
    ...common(n),
    id: `gh-1:${thread}`,
    accountId: 'gh-1',
    source: 'github',
    stream: 'notifications',
    externalId: thread,
    threadKey: `gh-1:${thread}`,
    container: 'acme/api',
    url: `https://github.com/acme/api/pull/${n}`,
    github: { reason: 'review_requested', subjectType: 'PullRequest' },
  }
}

function emailItem(n: number): SourceItem {
  const uid = n + 1
  return {
    ...common(n),
    id: `mail-1:INBOX:1700000000:${uid}`,
    accountId: 'mail-1',
    source: 'email',
    stream: 'INBOX',
    externalId: `INBOX:1700000000:${uid}`,
    threadKey: `<thread-${Math.floor(n / 3)}@acme.test>`,
    container: 'INBOX',
    email: { from: `person${n % 97}@acme.test` },
  }
}

/** `count` items over three streams, about a third each. */
export function benchStreams(count: number): BenchStream[] {
  const makers = [
    { accountId: 'slack-1', stream: 'C01', make: slackItem },
    { accountId: 'gh-1', stream: 'notifications', make: githubItem },
    { accountId: 'mail-1', stream: 'INBOX', make: emailItem },
  ]
  return makers.map(({ accountId, stream, make }, index) => {
    const size = Math.floor(count / makers.length) + (index < count % makers.length ? 1 : 0)
    return { accountId, stream, items: Array.from({ length: size }, (_, n) => make(n)) }
  })
}
