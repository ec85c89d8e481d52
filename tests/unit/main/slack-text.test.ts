// Slack's markup as plain text: mentions by name, links by label, the three
// escapes decoded once, emoji codes kept, and nothing that could become HTML.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { firstLine, mentions, plainText } from '../../../src/main/sources/slack/text'

const names = {
  user: (id: string) => ({ U1: 'Dana', U2: 'Lee' })[id],
  channel: (id: string) => ({ C1: 'incidents' })[id],
}

describe("Slack's markup as plain text", () => {
  it('names people, channels and groups, and shows links by their label', () => {
    expect(plainText('<@U1> can you look at <#C1>? cc <!subteam^S1|@oncall> <!here>', names)).toBe(
      '@Dana can you look at #incidents? cc @oncall @here',
    )
    expect(plainText('see <https://acme.dev/x|the runbook> or <https://acme.dev/y>', names)).toBe(
      'see the runbook or https://acme.dev/y',
    )
    expect(plainText('<#C9|random> and <@U9>', names)).toBe('#random and @U9')
  })

  it("keeps emoji codes and decodes Slack's escapes exactly once", () => {
    expect(plainText(':tada: shipped &amp; done', names)).toBe(':tada: shipped & done')
    expect(plainText('&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;', names)).toBe(
      '<script>alert(1)</script> &amp;',
    )
  })

  it('gives back exactly what was typed, for any text Slack escaped', () => {
    const slackEscape = (text: string) =>
      text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
    fc.assert(fc.property(fc.string(), (typed) => plainText(slackEscape(typed), names) === typed))
  })

  it('finds mentions of one person only', () => {
    expect(mentions('hey <@U1>', 'U1')).toBe(true)
    expect(mentions('hey <@U1|dana>', 'U1')).toBe(true)
    expect(mentions('hey <@U12>', 'U1')).toBe(false)
  })

  it('makes a title of the first line, cut at a word', () => {
    expect(firstLine('\n\nfirst line\nsecond')).toBe('first line')
    expect(firstLine(`${'word '.repeat(40)}`, 20)).toBe('word word word word…')
  })
})
