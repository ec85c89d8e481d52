import { describe, expect, it } from 'vitest'
import type { UrgentRule } from '../../../../src/shared/model'
import { describeRule, matchUrgentRule } from '../../../../src/shared/policy/urgency'
import { makeItem } from './make-item'

const channel = (value: string): UrgentRule => ({ id: `c-${value}`, kind: 'slack-channel', channel: value })
const person = (value: string): UrgentRule => ({ id: `p-${value}`, kind: 'person', person: value })
const sender = (value: string): UrgentRule => ({ id: `e-${value}`, kind: 'email-sender', sender: value })
const tag = (value: string): UrgentRule => ({ id: `t-${value}`, kind: 'subject-tag', tag: value })

const email = (from: string) => makeItem({ source: 'email', container: 'Inbox', email: { from } })

describe('slack-channel rules', () => {
  it('match the channel whether or not either side writes the #', () => {
    expect(matchUrgentRule([channel('incidents')], makeItem({ container: '#incidents' }))).not.toBeNull()
    expect(matchUrgentRule([channel('#incidents')], makeItem({ container: 'incidents' }))).not.toBeNull()
  })

  it('ignore case', () => {
    expect(matchUrgentRule([channel('#Incidents')], makeItem({ container: '#INCIDENTS' }))).not.toBeNull()
  })

  it('do not match another channel with a longer name', () => {
    expect(matchUrgentRule([channel('#incidents')], makeItem({ container: '#incidents-archive' }))).toBeNull()
  })

  it('only match Slack items', () => {
    const github = makeItem({ source: 'github', container: '#incidents' })
    expect(matchUrgentRule([channel('#incidents')], github)).toBeNull()
  })

  it('match the channel id, which survives a rename', () => {
    expect(matchUrgentRule([channel('C0INCIDENT')], makeItem({ stream: 'C0INCIDENT' }))).not.toBeNull()
  })
})

describe('person rules', () => {
  it('match the author id, ignoring a leading @ and case', () => {
    expect(
      matchUrgentRule([person('@u01dana')], makeItem({ author: { id: 'U01DANA', name: 'x' } })),
    ).not.toBeNull()
  })

  it('match the author name from any source', () => {
    const item = makeItem({ source: 'github', container: 'acme/api', author: { id: '1', name: 'octocat' } })
    expect(matchUrgentRule([person('OctoCat')], item)).not.toBeNull()
  })

  it('do not match someone whose name only contains the person', () => {
    expect(
      matchUrgentRule([person('dana')], makeItem({ author: { id: 'U9', name: 'Dana Whitfield' } })),
    ).toBeNull()
  })
})

describe('github-reason rules', () => {
  const rule: UrgentRule = { id: 'g', kind: 'github-reason', reason: 'review_requested' }

  it('match an item with that reason', () => {
    const item = makeItem({
      source: 'github',
      github: { reason: 'review_requested', subjectType: 'PullRequest' },
    })
    expect(matchUrgentRule([rule], item)).toBe(rule)
  })

  it('do not match another reason or an item without one', () => {
    const comment = makeItem({ source: 'github', github: { reason: 'comment', subjectType: 'PullRequest' } })
    expect(matchUrgentRule([rule], comment)).toBeNull()
    expect(matchUrgentRule([rule], makeItem())).toBeNull()
  })
})

describe('email-sender rules', () => {
  it('match a full address exactly, ignoring case and a display name', () => {
    expect(matchUrgentRule([sender('Boss@Example.com')], email('The Boss <boss@example.com>'))).not.toBeNull()
    expect(matchUrgentRule([sender('boss@example.com')], email('notboss@example.com'))).toBeNull()
  })

  it('match a domain written with or without @', () => {
    expect(matchUrgentRule([sender('@example.com')], email('ceo@example.com'))).not.toBeNull()
    expect(matchUrgentRule([sender('example.com')], email('ceo@EXAMPLE.com'))).not.toBeNull()
  })

  it('do not match a domain that merely ends with the rule', () => {
    expect(matchUrgentRule([sender('example.com')], email('attacker@evil-example.com'))).toBeNull()
    expect(matchUrgentRule([sender('@example.com')], email('attacker@evilexample.com'))).toBeNull()
  })

  it('do not match a subdomain', () => {
    expect(matchUrgentRule([sender('example.com')], email('alerts@mail.example.com'))).toBeNull()
  })

  it('do not match items that are not email', () => {
    expect(matchUrgentRule([sender('example.com')], makeItem({ text: 'ceo@example.com' }))).toBeNull()
  })
})

describe('subject-tag rules', () => {
  it('match a bracketed tag in the title, ignoring case', () => {
    expect(matchUrgentRule([tag('URGENT')], makeItem({ title: '[urgent] db down' }))).not.toBeNull()
  })

  it('match P0-style tags anywhere in the title', () => {
    expect(
      matchUrgentRule([tag('P0')], makeItem({ title: 'Re: [ops] [P0] checkout failing' })),
    ).not.toBeNull()
  })

  it('accept the tag written with its brackets', () => {
    expect(matchUrgentRule([tag('[P0]')], makeItem({ title: '[p0] outage' }))).not.toBeNull()
  })

  it('do not match the word without brackets', () => {
    expect(matchUrgentRule([tag('urgent')], makeItem({ title: 'urgent: db down' }))).toBeNull()
  })

  it('do not match a tag that only contains the word', () => {
    expect(matchUrgentRule([tag('P0')], makeItem({ title: '[P01] follow-up' }))).toBeNull()
  })
})

describe('matchUrgentRule', () => {
  it('returns the first matching rule', () => {
    const rules = [tag('ops'), channel('#incidents'), person('dana')]
    const item = makeItem({ container: '#incidents', author: { id: 'U1', name: 'Dana' } })
    expect(matchUrgentRule(rules, item)?.id).toBe('c-#incidents')
  })

  it('returns null with no rules', () => {
    expect(matchUrgentRule([], makeItem({ container: '#incidents' }))).toBeNull()
  })
})

describe('describeRule', () => {
  it('names each kind of rule for the rules list', () => {
    expect(describeRule(channel('incidents'))).toBe('Slack channel #incidents')
    expect(describeRule(person('@dana'))).toBe('Person: dana')
    expect(describeRule({ id: 'g', kind: 'github-reason', reason: 'review_requested' })).toBe(
      'GitHub: review requested',
    )
    expect(describeRule(sender('boss@example.com'))).toBe('Email from boss@example.com')
    expect(describeRule(sender('@example.com'))).toBe('Email from anyone at example.com')
    expect(describeRule(tag('P0'))).toBe('Subject tag [P0]')
  })
})

describe('slack-keyword rules', () => {
  const rule: UrgentRule = { id: 'k', kind: 'slack-keyword', keyword: 'outage' }
  const slack = (text: string) => makeItem({ source: 'slack', text })

  it('match the word in a Slack message, any case', () => {
    expect(matchUrgentRule([rule], slack('Outage in eu-west, all hands'))).toBe(rule)
    expect(matchUrgentRule([rule], slack('is this an outage?'))).toBe(rule)
  })

  it('match a phrase as written', () => {
    const phrase: UrgentRule = { id: 'k2', kind: 'slack-keyword', keyword: 'prod is down' }
    expect(matchUrgentRule([phrase], slack('heads up: PROD IS DOWN again'))).toBe(phrase)
  })

  it('do not match the word inside a longer one', () => {
    expect(matchUrgentRule([rule], slack('three outages this year'))).toBeNull()
    expect(matchUrgentRule([rule], slack('no-outage_window planned'))).toBeNull()
  })

  it('only match Slack items', () => {
    expect(matchUrgentRule([rule], makeItem({ source: 'email', text: 'outage' }))).toBeNull()
  })

  it('are named for the rules list', () => {
    expect(describeRule(rule)).toBe('Slack message with "outage"')
  })
})

describe('github-repository rules', () => {
  const rule: UrgentRule = { id: 'r', kind: 'github-repository', repository: 'Acme/API' }
  const github = (container: string) =>
    makeItem({ source: 'github', container, github: { reason: 'comment', subjectType: 'Issue' } })

  it('match the repository, any case, written as a name or a link', () => {
    expect(matchUrgentRule([rule], github('acme/api'))).toBe(rule)
    const link: UrgentRule = {
      id: 'r2',
      kind: 'github-repository',
      repository: 'https://github.com/acme/api/',
    }
    expect(matchUrgentRule([link], github('acme/api'))).toBe(link)
  })

  it('do not match another repository of the same owner, or a non-GitHub item', () => {
    expect(matchUrgentRule([rule], github('acme/api-docs'))).toBeNull()
    expect(matchUrgentRule([rule], makeItem({ source: 'slack', container: 'acme/api' }))).toBeNull()
  })

  it('are named for the rules list', () => {
    expect(describeRule(rule)).toBe('GitHub repository acme/api')
  })
})
