// Promises about what an item holds: each one the source gives passes the
// contract as it is, markup stays text, and a huge message becomes a
// bounded item with the cut said, without costing the rest of its pull.
import { expect, it } from 'vitest'
import { SourceItem } from '../../src/shared/model'
import type { Harness } from './harness'

const maxText = 20_000
const cutNote = /\[Lull cut this message: the rest is in the source\.\]$/
/** What a person might type: tags, entities already escaped once, quotes and bare ampersands. */
const markup = '<script>alert("lull")</script> 5 < 6 & "quotes" &amp; <b>bold</b>'

export function describeItems(start: () => Promise<Harness>): void {
  it('gives items that pass the contract as they are, for their own account and stream', async () => {
    const h = await start()
    for (const stream of h.adapter.streams) await h.sayMany(stream, 3)
    for (const stream of h.adapter.streams) {
      const pages = await h.pullToEnd(stream)
      expect(pages.flatMap((page) => page.skipped)).toEqual([])
      for (const item of pages.flatMap((page) => page.items)) {
        expect(item.accountId).toBe(h.account.id)
        expect(item.stream).toBe(stream)
      }
    }
    expect(h.rawItems.length).toBeGreaterThanOrEqual(3 * h.adapter.streams.length)
    const problems = h.rawItems.flatMap((raw) => {
      const parsed = SourceItem.safeParse(raw)
      return parsed.success ? [] : [parsed.error.issues[0]?.message]
    })
    expect(problems).toEqual([])
  })

  it('keeps markup as the text the person typed: nothing run, stripped or escaped twice', async () => {
    const h = await start()
    const [stream] = h.adapter.streams
    const token = h.token()
    await h.adapter.sayMarkup(stream, `${token} ${markup}`)
    const items = (await h.pullToEnd(stream)).flatMap((page) => page.items)
    const item = items.find((candidate) => candidate.text.includes(token))
    expect(item?.text).toContain(`${token} ${markup}`)
  })

  it('turns a 1 MB message into a bounded item that says it was cut, and keeps the messages around it', async () => {
    const h = await start()
    const [stream] = h.adapter.streams
    const [before] = await h.sayMany(stream, 1)
    const token = h.token()
    await h.adapter.sayHuge(stream, token)
    const [after] = await h.sayMany(stream, 1)
    const pages = await h.pullToEnd(stream)
    expect(pages.flatMap((page) => page.skipped)).toEqual([])
    const items = pages.flatMap((page) => page.items)
    const huge = items.find((item) => item.text.startsWith(token))
    expect(huge?.text.length).toBeLessThanOrEqual(maxText)
    expect(huge?.text).toMatch(cutNote)
    const texts = items.map((item) => `${item.title}\n${item.text}`)
    expect(texts.some((text) => text.includes(before ?? '?'))).toBe(true)
    expect(texts.some((text) => text.includes(after ?? '?'))).toBe(true)
  })
}
