// Facts over their bounds cost the item only those facts: a pull never
// loses an item because a message carries too many links or a huge header.
import { describe, expect, it } from 'vitest'
import { fitPull } from '../../../src/shared/fit-item'
import { factLimits } from '../../../src/shared/model'
import { slackItem, slackPaste } from './conversation-samples'

describe('fitting facts', () => {
  it('keeps the first links and references, drops an over-long id, and keeps the item', () => {
    const item = slackItem(slackPaste('https://github.com/acme/api/pull/1'))
    const links = Array.from({ length: 30 }, (_, n) => `https://github.com/acme/api/pull/${n + 1}`)
    const references = Array.from({ length: 80 }, (_, n) => `r${n}@example.test`)
    const raw = {
      ...item,
      facts: {
        links,
        references,
        messageId: `${'x'.repeat(factLimits.messageId)}@example.test`,
        listId: 'ok.list',
      },
    }
    const { items, skipped } = fitPull([raw], item.accountId)
    expect(skipped).toEqual([])
    expect(items[0]?.facts).toEqual({
      links: links.slice(0, factLimits.links),
      references: references.slice(0, factLimits.references),
      listId: 'ok.list',
    })
  })

  it('still refuses facts of the wrong type, naming the field', () => {
    const item = slackItem(slackPaste('https://github.com/acme/api/pull/1'))
    const { items, skipped } = fitPull(
      [{ ...item, facts: { links: 'https://github.com/a/b/pull/1' } }],
      item.accountId,
    )
    expect(items).toEqual([])
    expect(skipped[0]?.reason).toMatch(/facts\.links/)
  })
})
