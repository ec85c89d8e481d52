import { describe, expect, it } from 'vitest'
import { ruleFrom } from '../../../../src/renderer/features/rules/rule-kinds'

describe('rules as the person types them', () => {
  it('become the policy rule of each kind', () => {
    expect(ruleFrom('slack-channel', ' #incidents ', 'r')).toEqual({
      rule: { id: 'r', kind: 'slack-channel', channel: '#incidents' },
    })
    expect(ruleFrom('github-person', 'octocat', 'r')).toEqual({
      rule: { id: 'r', kind: 'person', person: 'octocat' },
    })
    expect(ruleFrom('github-reason', 'review_requested', 'r')).toEqual({
      rule: { id: 'r', kind: 'github-reason', reason: 'review_requested' },
    })
    expect(ruleFrom('email-domain', 'example.com', 'r')).toEqual({
      rule: { id: 'r', kind: 'email-sender', sender: '@example.com' },
    })
    expect(ruleFrom('subject-tag', '[URGENT]', 'r')).toEqual({
      rule: { id: 'r', kind: 'subject-tag', tag: '[URGENT]' },
    })
  })

  it('say what is missing or wrong instead of making a rule', () => {
    expect(ruleFrom('slack-keyword', '  ', 'r')).toEqual({ problem: 'Type what the rule should match.' })
    expect(ruleFrom('github-reason', 'bored', 'r')).toEqual({ problem: 'Pick a GitHub reason.' })
    expect(ruleFrom('email-sender', 'example.com', 'r')).toHaveProperty('problem')
    expect(ruleFrom('email-domain', 'boss@example.com', 'r')).toHaveProperty('problem')
  })
})
