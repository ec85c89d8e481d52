// What a blocks-only Slack message says: rich text (sections, lists,
// quotes, code) read as Slack's markup, so names and links go through the
// same reading as a message's text; odd or endless blocks cost only themselves.
import { describe, expect, it } from 'vitest'
import { blocksText } from '../../../src/main/sources/slack/blocks'

const section = (...elements: unknown[]) => ({ type: 'rich_text_section', elements })
const richText = (...elements: unknown[]) => ({ type: 'rich_text', elements })

describe("a Slack message's blocks as text", () => {
  it('reads sections, lists and quotes line by line, with mentions and links as markup', () => {
    const text = blocksText([
      richText(
        section({ type: 'text', text: 'Steps for ' }, { type: 'usergroup', usergroup_id: 'S1' }),
        {
          type: 'rich_text_list',
          elements: [
            section({ type: 'text', text: 'page ' }, { type: 'user', user_id: 'U1' }),
            section({ type: 'link', url: 'https://acme.dev/r', text: 'read the runbook' }),
          ],
        },
        { type: 'rich_text_quote', elements: [{ type: 'text', text: 'never <skip> this' }] },
      ),
    ])
    expect(text).toBe(
      'Steps for <!subteam^S1>\n• page <@U1>\n• <https://acme.dev/r|read the runbook>\n> never &lt;skip&gt; this',
    )
  })

  it('reads section and header text, and skips blocks and elements it cannot read', () => {
    const text = blocksText([
      { type: 'header', text: { type: 'plain_text', text: 'Release <1.2>' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'see <#C1>' } },
      { type: 'divider' },
      'junk',
      richText(section({ type: 'text' }, 42, { type: 'emoji', name: 'fire' })),
    ])
    expect(text).toBe('Release &lt;1.2&gt;\nsee <#C1>\n:fire:')
  })

  it('stops reading nesting deeper than Slack makes', () => {
    let nested: unknown = section({ type: 'text', text: 'deep' })
    for (let depth = 0; depth < 50; depth++) nested = { type: 'rich_text_list', elements: [nested] }
    expect(blocksText([richText(nested)])).not.toContain('deep')
  })
})
