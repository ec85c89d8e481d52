// Conversation keys: one pull request through GitHub, its mail and Slack is
// one key; different ones never share a key; look-alike hosts and forged
// mail never merge; nothing a source could send makes keying throw.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { conversationKey, githubHostsOf, type KeyedFields } from '../../../src/shared/conversation'
import type { SourceItem } from '../../../src/shared/model'
import {
  githubAppPost,
  githubItem,
  githubMail,
  mailItem,
  plainMail,
  type Ref,
  slackItem,
  slackPaste,
} from './conversation-samples'

const ghes = 'ghe.acme.test'
const options = { githubHosts: [ghes] }
const key = (item: KeyedFields) => conversationKey(item, options)
const pr: Ref = { host: 'github.com', owner: 'acme', repo: 'api', number: 123 }

describe('a GitHub conversation, whichever source brings it', () => {
  it('keys a pull request notification by host, repository and number', () => {
    expect(key(githubItem(pr))).toBe('github:github.com/acme/api#123')
  })

  it('keys an Enterprise Server notification by its own host', () => {
    expect(key(githubItem({ ...pr, host: ghes }, 'Issue'))).toBe(`github:${ghes}/acme/api#123`)
  })

  it("gives GitHub's mail about the pull request the notification's key", async () => {
    const mail = await mailItem(githubMail(pr))
    expect(mail.facts).toMatchObject({
      messageId: 'acme/api/pull/123/c456789@github.com',
      inReplyTo: 'acme/api/pull/123@github.com',
      references: ['acme/api/pull/123@github.com'],
      listId: 'api.acme.github.com',
      githubReason: 'review_requested',
      githubSender: 'dana',
    })
    expect(key(mail)).toBe('github:github.com/acme/api#123')
  })

  it("reads the Message-IDs of an issue's events and a discussion's comments", () => {
    const mail = (messageId: string, listId: string) => ({
      source: 'email' as const,
      accountId: 'email-1',
      externalId: messageId,
      threadKey: `email:${messageId}`,
      facts: { messageId, listId },
    })
    expect(key(mail('acme/api/issue/7/issue_event/99@github.com', 'api.acme.github.com'))).toBe(
      'github:github.com/acme/api#7',
    )
    expect(key(mail('acme/api/repo-discussions/5/comments/12@github.com', 'api.acme.github.com'))).toBe(
      'github:github.com/acme/api#5',
    )
  })

  it("gives an Enterprise Server's mail its host's key", async () => {
    expect(key(await mailItem(githubMail({ ...pr, host: ghes })))).toBe(`github:${ghes}/acme/api#123`)
  })

  it('gives a pasted link with its unfurl, and the GitHub app post, the same key', () => {
    const pasted = slackItem(slackPaste('https://github.com/acme/api/pull/123/files#diff-1'))
    expect(key(pasted)).toBe('github:github.com/acme/api#123')
    // The app's body links the issue the pull request closes; only its title link names what it is about.
    expect(key(slackItem(githubAppPost(pr)))).toBe('github:github.com/acme/api#123')
  })

  it('keys a pull request and an issue of the same number alike: they share one number space', () => {
    expect(key(githubItem(pr, 'Issue'))).toBe(key(githubItem(pr, 'PullRequest')))
  })

  it('keeps a release and a commit apart from the issues, by their own ids', () => {
    const release = {
      ...githubItem(pr),
      facts: { subjectUrl: 'https://api.github.com/repos/acme/api/releases/77' },
    }
    const commit = {
      ...githubItem(pr),
      facts: { subjectUrl: 'https://api.github.com/repos/acme/api/commits/ABC1234' },
    }
    expect(key(release)).toBe('github:github.com/acme/api/releases/77')
    expect(key(commit)).toBe('github:github.com/acme/api@abc1234')
  })

  it('keys a notification with no subject it can read by its thread, in its account', () => {
    const suite = { ...githubItem(pr), url: 'https://github.com/acme/api/actions', facts: {} }
    expect(key(suite)).toBe('github-thread:github-1:9001')
  })

  it('keys rows stored before facts from their page link and Message-ID', async () => {
    const { facts: _none, ...notification } = githubItem(pr)
    const { facts: _gone, ...mail } = await mailItem(githubMail(pr))
    expect(key(notification)).toBe('github:github.com/acme/api#123')
    expect(key(mail)).toBe('github:github.com/acme/api#123')
  })
})

describe('what never merges', () => {
  it("a link or a mail on a host that is not one of the person's GitHub accounts", async () => {
    const elsewhere = { ...pr, host: 'github.evil.test' }
    expect(key(slackItem(slackPaste('https://github.evil.test/acme/api/pull/123')))).toBe(
      'slack:slack-1:C0ENG:1764004364.000200',
    )
    expect(key(await mailItem(githubMail(elsewhere)))).toMatch(/^email:email-1:/)
    // A familiar name in the user part of a link is not its host.
    expect(key(slackItem(slackPaste('https://github.com@evil.test/acme/api/pull/123')))).toMatch(/^slack:/)
  })

  it('a mail whose List-ID names another repository than its Message-ID', async () => {
    const forged = await mailItem(githubMail(pr, { listId: 'mallory/api <api.mallory.github.com>' }))
    expect(key(forged)).toBe('email:email-1:acme/api/pull/123@github.com')
  })

  it('a Slack message that links two pull requests: it stays in its Slack thread', () => {
    const both = slackItem({
      type: 'message',
      user: 'U02',
      text: 'both need review: <https://github.com/acme/api/pull/12> and <https://github.com/acme/api/pull/14|#14>',
    })
    expect(both.facts?.links).toHaveLength(2)
    expect(key(both)).toBe('slack:slack-1:C0ENG:1764004364.000200')
  })

  it('a link that only looks like one: a repository page, a non-number, number 0', () => {
    for (const url of [
      'https://github.com/acme/api',
      'https://github.com/acme/api/pull/new',
      'https://github.com/acme/api/issues/0',
      'https://github.com/acme/../pull/1',
    ])
      expect(key(slackItem(slackPaste(url)))).toMatch(/^slack:/)
  })
})

describe('threads that are not GitHub', () => {
  it('keys a mail thread by the first id of References, in its account', async () => {
    const first = await mailItem(plainMail({ messageId: 'a1@example.test' }))
    const reply = await mailItem(
      plainMail({
        messageId: 'c3@example.test',
        inReplyTo: 'b2@example.test',
        references: ['a1@example.test', 'b2@example.test'],
      }),
    )
    const answer = await mailItem(plainMail({ messageId: 'b2@example.test', inReplyTo: 'a1@example.test' }))
    expect(key(first)).toBe('email:email-1:a1@example.test')
    expect(key(reply)).toBe(key(first))
    expect(key(answer)).toBe(key(first))
    const otherAccount = await mailItem(plainMail({ messageId: 'a1@example.test' }), { accountId: 'email-2' })
    expect(key(otherAccount)).toBe('email:email-2:a1@example.test')
  })

  it("keys a Gmail message by Gmail's thread id", async () => {
    const mail = await mailItem(plainMail({ messageId: 'x@mail.gmail.com' }), {
      threadId: '1718273645123456789',
    })
    expect(mail.facts?.mailThreadId).toBe('1718273645123456789')
    expect(key(mail)).toBe('email:email-1:1718273645123456789')
  })

  it('keys a Slack message without a GitHub link by its thread, in its account', () => {
    const reply = slackItem({ type: 'message', user: 'U02', text: 'on it', thread_ts: '1764000000.000100' })
    expect(key(reply)).toBe('slack:slack-1:C0ENG:1764000000.000100')
  })
})

describe('the GitHub hosts of the accounts', () => {
  it('reads the kept host, or the one an older identity names, and github.com otherwise', () => {
    expect(
      githubHostsOf([
        { kind: 'github', identity: 'octocat', githubHost: 'github.com' },
        { kind: 'github', identity: 'octo (Octo) on GHE.acme.test' },
        { kind: 'github', identity: 'dana' },
        { kind: 'email', identity: 'ada@on.example' },
      ]),
    ).toEqual(['ghe.acme.test', 'github.com'])
  })
})

// Properties

const owner = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/)
const repo = fc.stringMatching(/^[a-z0-9_][a-z0-9._-]{0,20}$/).filter((name) => name !== '.' && name !== '..')
const ref = fc.record({
  host: fc.constantFrom('github.com', ghes),
  owner,
  repo,
  number: fc.integer({ min: 1, max: 999_999 }),
})
/** The same name in another case, as GitHub accepts it. */
const recased = (name: string, mask: boolean[]) =>
  [...name].map((c, i) => (mask[i % Math.max(mask.length, 1)] ? c.toUpperCase() : c)).join('')
const casing = fc.array(fc.boolean(), { minLength: 1, maxLength: 8 })

describe('properties', () => {
  it('the same pull request through notification, mail, pasted link and app post gets one key', async () => {
    await fc.assert(
      fc.asyncProperty(ref, casing, casing, async (r, mailCase, slackCase) => {
        const notification = key(githubItem(r))
        const mail = key(
          await mailItem(
            githubMail({ ...r, owner: recased(r.owner, mailCase), repo: recased(r.repo, mailCase) }),
          ),
        )
        const web = `https://${r.host}/${recased(r.owner, slackCase)}/${recased(r.repo, slackCase)}/pull/${r.number}`
        const pasted = key(slackItem(slackPaste(web)))
        const posted = key(slackItem(githubAppPost(r)))
        expect(notification).toBe(`github:${r.host}/${r.owner}/${r.repo}#${r.number}`)
        expect(new Set([notification, mail, pasted, posted]).size).toBe(1)
      }),
      { numRuns: 60 },
    )
  })

  it('different repositories or numbers never share a key', () => {
    fc.assert(
      fc.property(ref, ref, (a, b) => {
        const same = a.host === b.host && a.owner === b.owner && a.repo === b.repo && a.number === b.number
        expect(key(githubItem(a)) === key(githubItem(b))).toBe(same)
        expect(key(slackItem(githubAppPost(a))) === key(slackItem(githubAppPost(b)))).toBe(same)
      }),
    )
  })

  it('keys ignore the case of owner and repository, as GitHub does', () => {
    fc.assert(
      fc.property(ref, casing, (r, mask) => {
        const upper = { ...r, owner: recased(r.owner, mask), repo: recased(r.repo, mask) }
        expect(key(githubItem(upper))).toBe(key(githubItem(r)))
      }),
    )
  })

  it('any item, facts or hosts at all give a key or null, never a throw', () => {
    const anyItem = fc.record(
      {
        source: fc.oneof(fc.constantFrom('github', 'email', 'slack'), fc.anything()),
        accountId: fc.oneof(fc.string(), fc.anything()),
        externalId: fc.oneof(fc.string(), fc.anything()),
        threadKey: fc.oneof(fc.string(), fc.constantFrom('slack:C1:1.2', 'email:'), fc.anything()),
        url: fc.oneof(fc.webUrl(), fc.string(), fc.anything()),
        facts: fc.oneof(
          fc.record(
            {
              links: fc.array(
                fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.string()),
              ),
              messageId: fc.string(),
              inReplyTo: fc.stringMatching(/^[a-z/0-9]{0,30}@github\.com$/),
              references: fc.array(fc.string()),
              listId: fc.string(),
              mailThreadId: fc.string(),
              subjectUrl: fc.oneof(fc.webUrl(), fc.string()),
            },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(
        fc.oneof(anyItem, fc.anything()),
        fc.array(fc.oneof(fc.string(), fc.anything())),
        (item, hosts) => {
          const answer = conversationKey(item as SourceItem, { githubHosts: hosts as string[] })
          expect(answer === null || (typeof answer === 'string' && answer.length <= 1024)).toBe(true)
        },
      ),
      { numRuns: 2_000 },
    )
  })
})
