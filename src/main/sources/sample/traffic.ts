// The sample workspace's script: who says what, where. Deterministic per
// slot, so a pull from the same cursor always gives the same items.
import type { SourceItem } from '../../../shared/model'
import { seededRandom } from '../../../shared/seeded-random'

export const sampleAccountId = 'sample'

export type SampleStream = {
  id: string
  name: string
  source: SourceItem['source']
  /** Relative weight: how often this stream speaks. */
  weight: number
}

export const sampleStreams: SampleStream[] = [
  { id: 'slack-general', name: '#general', source: 'slack', weight: 3 },
  { id: 'slack-eng-backend', name: '#eng-backend', source: 'slack', weight: 4 },
  { id: 'slack-incidents', name: '#incidents', source: 'slack', weight: 1 },
  { id: 'slack-dm-dana', name: 'Dana Whitfield', source: 'slack', weight: 2 },
  { id: 'github', name: 'GitHub notifications', source: 'github', weight: 4 },
  { id: 'email', name: 'Inbox', source: 'email', weight: 2 },
]

const people = [
  { id: 'U01DANA', name: 'Dana Whitfield', email: 'dana@acme.dev' },
  { id: 'U02PRIYA', name: 'Priya Raman', email: 'priya@acme.dev' },
  { id: 'U03TOMAS', name: 'Tomás Ortega', email: 'tomas@acme.dev' },
  { id: 'U04MEI', name: 'Mei Lin', email: 'mei@acme.dev' },
  { id: 'U05SAM', name: 'Sam Okafor', email: 'sam@acme.dev' },
] as const

const lines: Record<string, string[]> = {
  'slack-general': [
    'Lunch-and-learn on Thursday: Priya walks through the new billing pipeline.',
    'Reminder: the office is closed on Monday, the on-call rota is unchanged.',
    'Welcome Mei to the platform team! 👋',
    'Anyone else seeing the VPN drop every hour or so?',
    'Quarterly planning doc is up, comments welcome by Friday.',
  ],
  'slack-eng-backend': [
    'The flaky retry test in the queue worker is fixed on main.',
    'Can someone pair on the migration for the accounts table this week?',
    'Heads up: staging is being rebuilt at 15:00, expect about ten minutes of downtime.',
    'Deploy of api v2.14 is done, dashboards look normal.',
    'Proposal: we drop Node 18 from the CI matrix next sprint. Thoughts?',
    'I left a question about the cache TTL in the design doc.',
  ],
  'slack-incidents': [
    'Checkout error rate above 5% in eu-west, investigating.',
    'Primary database failover triggered, writes paused for about 2 minutes.',
    'Pager: API p99 latency over 2 s for 10 minutes.',
  ],
  'slack-dm-dana': [
    'Could you look at my PR for the rate limiter when you get a chance?',
    'Are you joining the architecture review tomorrow?',
    'Thanks for the notes yesterday, very helpful.',
  ],
  github: [
    'review_requested|PullRequest|acme/api|Add idempotency keys to payment intents',
    'comment|PullRequest|acme/api|Rate limiter: sliding window instead of fixed buckets',
    'mention|Issue|acme/web|Dark mode contrast on the settings page',
    'ci_activity|CheckSuite|acme/api|CI failed on main: integration tests',
    'security_alert|RepositoryVulnerabilityAlert|acme/web|Dependency alert: a prototype pollution in a parser',
    'subscribed|Release|acme/sdk|v3.2.0 released',
  ],
  email: [
    'Weekly product update|The roadmap for next quarter and three things we shipped.',
    'Invoice #4821 from Cloud Hosting|Your invoice for October is ready.',
    '[review] Design doc: search indexing|Could you review the indexing proposal before Friday?',
    'Conference talk accepted|Congratulations, your talk was accepted. Please confirm by next week.',
  ],
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length) % list.length] as T
}

/** Which stream speaks in a slot, if any. Slot 2 after the start is always #incidents, so a breakthrough shows early. */
export function streamForSlot(slot: number): SampleStream | null {
  if (slot === 2) return sampleStreams.find((stream) => stream.id === 'slack-incidents') ?? null
  const random = seededRandom(slot * 7919 + 17)
  if (random() > 0.6) return null
  const total = sampleStreams.reduce((sum, stream) => sum + stream.weight, 0)
  let roll = random() * total
  for (const stream of sampleStreams) {
    roll -= stream.weight
    if (roll < 0) return stream
  }
  return sampleStreams[0] ?? null
}

/** The message said in `slot` on `stream`, at `sentAt`. */
export function messageForSlot(stream: SampleStream, slot: number, sentAt: number): SourceItem {
  const random = seededRandom(slot * 104729 + 3)
  const person = pick(random, people)
  const externalId = `${stream.id}-${slot}`
  const base = {
    id: `${sampleAccountId}:${externalId}`,
    accountId: sampleAccountId,
    source: stream.source,
    stream: stream.id,
    externalId,
    author: { id: person.id, name: person.name },
    sentAt,
  }
  const line = pick(random, lines[stream.id] ?? [''])
  if (stream.source === 'github') {
    const [reason = 'comment', subjectType = 'Issue', repo = 'acme/api', title = ''] = line.split('|')
    const number = 100 + (slot % 400)
    return {
      ...base,
      threadKey: `github:${repo}#${number}`,
      container: repo,
      title,
      text: `${person.name} · ${reason.replace('_', ' ')}`,
      url: `https://github.com/${repo}/pull/${number}`,
      needsReply: reason === 'review_requested' || reason === 'mention',
      github: { reason: reason as NonNullable<SourceItem['github']>['reason'], subjectType },
    }
  }
  if (stream.source === 'email') {
    const [subject = '', body = ''] = line.split('|')
    return {
      ...base,
      threadKey: `email:${subject}`,
      container: 'Inbox',
      title: subject,
      text: body,
      needsReply: subject.startsWith('['),
      email: { from: person.email },
    }
  }
  const isDirect = stream.id.startsWith('slack-dm')
  // Every third message in a channel answers the one before: threads, as in a real workspace.
  const threadSlot = slot % 3 === 0 ? slot - 1 : slot
  return {
    ...base,
    threadKey: `slack:${stream.id}:${threadSlot}`,
    container: stream.name,
    title: isDirect ? `Message from ${person.name}` : `${person.name} in ${stream.name}`,
    text: line,
    needsReply: isDirect || line.endsWith('?'),
  }
}
