// The attention engine against a controllable clock, a fake IndexedDB and
// the real host with the sample workspace.
import { describe, expect, it, vi } from 'vitest'
import { searchItems } from '../../src/renderer/db/search'
import { checkInNotices, createHarness, digestsOf } from './engine-harness'

// 2026-11-23 is a Monday. Default settings: check-ins 09:30, 13:00, 16:30
// on weekdays; a deep-work block 09:00–11:30; #incidents is urgent.
const monday = (time: string) => `2026-11-23T${time}:00Z`

describe('check-ins', () => {
  it('delivers every held item in one digest at the check-in and notifies once', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const a = h.say('slack-general', 'standup notes')
    const b = h.say('github', 'review please')
    await h.at(monday('12:10'))
    expect((await h.db.items.get(a.id))?.status).toBe('held')
    expect(checkInNotices(h.host)).toHaveLength(0)

    await h.at(monday('13:00'))
    const digests = await digestsOf(h.db)
    expect(digests).toHaveLength(1)
    expect(digests[0]?.itemIds.sort()).toEqual([a.id, b.id].sort())
    expect((await h.db.items.get(b.id))?.status).toBe('delivered')
    expect(checkInNotices(h.host).map((notice) => `${notice.title} — ${notice.body}`)).toEqual([
      'Check-in: 2 new — Slack 1 · GitHub 1',
    ])
    expect(checkInNotices(h.host)[0]?.target).toEqual({ view: 'digest', digestId: digests[0]?.id })
    h.engine.stop()
  })

  it('holds a check-in that falls inside a deep-work block until the block ends', async () => {
    const h = await createHarness({ start: monday('08:00') })
    await h.engine.start()
    h.say('slack-general', 'morning')
    await h.at(monday('08:30'))
    await h.at(monday('09:30'))
    await h.at(monday('11:29'))
    expect(await digestsOf(h.db)).toHaveLength(0)
    expect(checkInNotices(h.host)).toHaveLength(0)
    await h.at(monday('11:30'))
    expect(await digestsOf(h.db)).toHaveLength(1)
    expect(checkInNotices(h.host)).toHaveLength(1)
    h.engine.stop()
  })

  it('turns a sleep across one check-in into one digest on wake', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    h.say('slack-general', 'before sleep')
    await h.at(monday('12:05'))
    await h.at(monday('14:00'))
    const digests = await digestsOf(h.db)
    expect(digests).toHaveLength(1)
    expect(digests[0]?.reason).toBe('catch-up')
    h.engine.stop()
  })

  it('turns a sleep across three check-ins into exactly one digest, with nothing lost', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const items = [h.say('slack-general', 'one'), h.say('github', 'two')]
    await h.at(monday('12:05'))
    await h.at('2026-11-24T12:00:00Z') // slept through 13:00, 16:30 and Tuesday's 09:30 (moved to 11:30 by the block)
    items.push(h.say('slack-general', 'three'))
    await h.at('2026-11-24T13:00:00Z')
    const digests = await digestsOf(h.db)
    expect(digests).toHaveLength(2)
    expect(digests[0]?.reason).toBe('catch-up')
    expect(digests[0]?.itemIds.sort()).toEqual([items[0]?.id, items[1]?.id].sort())
    expect(digests[1]?.itemIds).toEqual([items[2]?.id])
    expect(checkInNotices(h.host)).toHaveLength(2)
    h.engine.stop()
  })

  it('turns check-ins missed while Lull was closed into one digest when it starts', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const items = [h.say('slack-general', 'one'), h.say('github', 'two')]
    await h.at(monday('12:05'))
    h.engine.stop()
    h.clock.jumpTo(Date.parse(monday('17:00'))) // closed across 13:00 and 16:30
    const again = h.makeEngine()
    await again.start()
    const digests = await digestsOf(h.db)
    expect(digests).toHaveLength(1)
    expect(digests[0]?.reason).toBe('catch-up')
    expect(digests[0]?.itemIds.sort()).toEqual(items.map((item) => item.id).sort())
    expect(checkInNotices(h.host)).toHaveLength(1)
    again.stop()
  })

  it('holds a catch-up found on waking inside deep work until the block ends', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const items = [h.say('slack-general', 'one'), h.say('github', 'two')]
    await h.at(monday('12:05'))
    await h.at('2026-11-24T10:00:00Z') // slept through 13:00 and 16:30; woke inside the 09:00–11:30 block
    items.push(h.say('slack-general', 'three'))
    await h.at('2026-11-24T10:01:00Z')
    expect(await digestsOf(h.db)).toHaveLength(0)
    expect(h.host.ports.notifications).toHaveLength(0)
    await h.at('2026-11-24T11:30:00Z')
    const digests = await digestsOf(h.db)
    expect(digests).toHaveLength(1)
    expect(digests[0]?.itemIds.sort()).toEqual(items.map((item) => item.id).sort())
    expect(checkInNotices(h.host)).toHaveLength(1)
    h.engine.stop()
  })

  it('treats a resume from sleep as a catch-up when main reports it', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    h.say('slack-general', 'queued')
    await h.at(monday('12:01'))
    h.clock.jumpTo(Date.parse(monday('15:00')))
    h.host.hub.emit('power:changed', { event: 'resume' })
    await expect.poll(async () => (await digestsOf(h.db)).length).toBe(1)
    h.engine.stop()
  })

  it('survives the clock jumping back and forth without a second digest or a lost item', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const first = h.say('slack-general', 'first')
    await h.at(monday('13:01'))
    expect(await digestsOf(h.db)).toHaveLength(1)
    await h.at(monday('12:30')) // the clock is set back
    const second = h.say('slack-general', 'second')
    await h.at(monday('12:45'))
    expect(await digestsOf(h.db)).toHaveLength(1)
    await h.at(monday('13:00')) // 13:00 comes round again: one more digest, with only the new item
    // Ordered by time the 13:00 digest sorts before the 13:01 one, so compare as a set.
    const digests = await digestsOf(h.db)
    expect(digests.map((digest) => digest.itemIds)).toHaveLength(2)
    expect(digests.map((digest) => digest.itemIds)).toEqual(expect.arrayContaining([[first.id], [second.id]]))
    await h.at(monday('16:31')) // and forward past the next one with nothing held
    expect((await digestsOf(h.db)).length).toBe(2)
    h.engine.stop()
  })

  it('follows a change of the system time zone while running', async () => {
    // 12:00 UTC is 12:00 in London and 07:00 in New York.
    const h = await createHarness({ start: monday('12:00'), zone: 'Europe/London' })
    await h.engine.start()
    h.say('slack-general', 'travel')
    await h.at(monday('12:30'))
    h.clock.zone = 'America/New_York'
    await h.at(monday('13:05')) // 13:00 London has passed, but the user is now in New York (08:05)
    expect(await digestsOf(h.db)).toHaveLength(0)
    await h.at(monday('16:30')) // 11:30 in New York: the end of the 09:00–11:30 block, where 09:30 waited
    expect(await digestsOf(h.db)).toHaveLength(1)
    h.engine.stop()
  })

  it('delivers nothing on a schedule with no check-ins; check in now still does', async () => {
    const h = await createHarness({ start: monday('12:00'), settings: { checkIns: [] } })
    await h.engine.start()
    const item = h.say('slack-general', 'waiting')
    await h.at(monday('23:00'))
    expect((await h.db.items.get(item.id))?.status).toBe('held')
    await h.engine.checkInNow()
    expect((await h.db.items.get(item.id))?.status).toBe('delivered')
    expect(h.navigations.at(-1)?.view).toBe('digest')
    expect(checkInNotices(h.host)).toHaveLength(0)
    h.engine.stop()
  })
})

describe('focus and breakthroughs', () => {
  it('lets an urgent item through at once during focus and holds the rest without a notification', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    await h.engine.startFocus({ kind: 'minutes', minutes: 50 })
    const urgent = h.say('slack-incidents', 'db down')
    const calm = h.say('slack-general', 'lunch?')
    await h.at(monday('12:01'))
    expect((await h.db.items.get(urgent.id))?.status).toBe('delivered')
    expect((await h.db.items.get(calm.id))?.status).toBe('held')
    expect(h.host.ports.notifications.map((notice) => notice.kind)).toEqual(['breakthrough'])
    expect(h.host.ports.notifications[0]?.target).toEqual({ view: 'item', itemId: urgent.id })
    h.engine.stop()
  })

  it('waits for a focus session to end before a check-in inside it', async () => {
    const h = await createHarness({ start: monday('12:40') })
    await h.engine.start()
    await h.engine.startFocus({ kind: 'minutes', minutes: 50 }) // until 13:30
    h.say('slack-general', 'held')
    await h.at(monday('13:05'))
    expect(await digestsOf(h.db)).toHaveLength(0)
    await h.at(monday('13:30'))
    expect(await digestsOf(h.db)).toHaveLength(1)
    h.engine.stop()
  })

  it('keeps a focus session across a restart', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const session = await h.engine.startFocus({ kind: 'minutes', minutes: 90 })
    h.engine.stop()
    const again = h.makeEngine()
    await again.start()
    const tray = h.host.ports.trayStates.at(-1)
    expect(tray?.icon).toBe('focus')
    expect(tray?.tooltip).toContain('Focus until 13:30')
    expect(session.endsAt).toBe(Date.parse(monday('13:30')))
    again.stop()
  })

  it('starts and ends focus from tray commands and the global shortcut', async () => {
    const h = await createHarness({ start: monday('14:00') })
    await h.engine.start()
    h.host.hub.emit('tray:command', { command: 'focus-start', length: { kind: 'minutes', minutes: 25 } })
    await expect.poll(() => h.host.ports.trayStates.at(-1)?.icon).toBe('focus')
    h.host.hub.emit('shortcut:focus-toggle', {})
    await expect.poll(() => h.host.ports.trayStates.at(-1)?.icon).toBe('open')
    h.host.hub.emit('notification:clicked', { target: { view: 'item', itemId: 'sample:x' } })
    expect(h.navigations.at(-1)).toEqual({ view: 'item', itemId: 'sample:x' })
    h.engine.stop()
  })

  it('shows the waiting count and next check-in in the tray tooltip', async () => {
    const h = await createHarness({ start: monday('14:00') })
    await h.engine.start()
    h.say('slack-general', 'one')
    h.say('slack-general', 'two')
    await h.at(monday('14:01'))
    expect(h.host.ports.trayStates.at(-1)?.tooltip).toContain('2 waiting')
    expect(h.host.ports.trayStates.at(-1)?.tooltip).toContain('16:30')
    h.engine.stop()
  })
})

describe('the sample workspace', () => {
  it('is on for a first run, goes with one click and stays off after a restart', async () => {
    const h = await createHarness({ start: monday('14:00') })
    await h.engine.start()
    expect((await h.db.accounts.toArray()).map((account) => account.kind)).toEqual(['sample'])
    h.say('slack-general', 'made up')
    await h.at(monday('14:01'))
    expect(await h.db.items.count()).toBe(1)
    await h.engine.setSampleEnabled(false)
    expect(await h.db.accounts.count()).toBe(0)
    expect(await h.db.items.count()).toBe(0)
    h.engine.stop()
    const again = h.makeEngine()
    await again.start()
    expect(await h.db.accounts.count()).toBe(0)
    again.stop()
  })

  it('steps aside when a real account is connected', async () => {
    const h = await createHarness({ start: monday('14:00') })
    await h.engine.start()
    h.engine.stop()
    await h.db.accounts.put({
      id: 'github-1',
      kind: 'github',
      label: 'GitHub',
      identity: 'dana',
      streams: [],
      addedAt: Date.parse(monday('14:05')),
    })
    const again = h.makeEngine()
    await again.start()
    expect((await h.db.accounts.toArray()).map((account) => account.id)).toEqual(['github-1'])
    again.stop()
  })
})

describe('bad input', () => {
  it('stores the rest of a pull around an unreadable item, sets that one aside where it shows, and moves on', async () => {
    let isJunk = false
    const h = await createHarness({
      start: monday('14:00'),
      decorateSource: (factory) => (account, credentials) => {
        const source = factory(account, credentials)
        return {
          ...source,
          pull: async (stream, cursor) => {
            const page = await source.pull(stream, cursor)
            if (!isJunk || stream !== 'slack-general') return page
            return { ...page, items: [{ id: 'sample:junk', externalId: 'junk-1', title: 42 }, ...page.items] }
          },
        }
      },
    })
    await h.engine.start()
    const first = h.say('slack-general', 'before')
    await h.at(monday('14:01'))
    expect((await h.db.items.toArray()).map((item) => item.id)).toEqual([first.id])

    isJunk = true
    const second = h.say('slack-general', 'during')
    const behind = h.say('slack-general', 'behind it')
    await h.at(monday('14:02'))
    expect(h.problems.at(-1)).toMatch(/1 item from #general .* could not be read and was set aside/)
    expect((await h.db.items.orderBy('id').primaryKeys()).sort()).toEqual(
      [first.id, second.id, behind.id].sort(),
    )
    const setAside = await h.db.quarantine.toArray()
    expect(setAside).toHaveLength(1)
    expect(setAside[0]).toMatchObject({
      table: 'pull',
      row: { stream: 'slack-general', externalId: 'junk-1' },
    })
    expect(setAside[0]?.reason).toMatch(/^Item #0 could not be read \(/)

    // The cursor moved past it: the next pull does not stall on the same item.
    isJunk = false
    const after = h.say('slack-general', 'after')
    await h.at(monday('14:10'))
    expect(await h.db.items.get(after.id)).toBeDefined()
    h.engine.stop()
  })

  it('reports a corrupt settings row, runs on defaults and keeps the row', async () => {
    const h = await createHarness({ start: monday('14:00') })
    await h.db.settings.put({ key: 'settings', value: { checkIns: 'every hour' } })
    await h.engine.start()
    expect(h.problems.some((problem) => /settings/i.test(problem))).toBe(true)
    expect((await h.db.settings.get('settings'))?.value).toEqual({ checkIns: 'every hour' })
    h.engine.stop()
  })

  it('rejects invalid settings whole, with a message, and keeps the saved ones', async () => {
    const h = await createHarness({ start: monday('14:00') })
    await h.engine.start()
    const before = await h.db.settings.get('settings')
    const result = await h.engine.saveSettings({
      ...h.engine.settings,
      checkIns: [{ days: [], time: '25:00' }],
    })
    expect(result.ok).toBe(false)
    expect(await h.db.settings.get('settings')).toEqual(before)
    h.engine.stop()
  })
})

describe('search behind ingest', () => {
  it('indexes an edit for search when the pull that brings it brings nothing new', async () => {
    const h = await createHarness({ start: monday('12:00') })
    await h.engine.start()
    const said = h.say('slack-general', 'lunch at noon', { externalId: 'edited-1' })
    await h.at(monday('12:01'))
    await vi.waitFor(async () => expect((await searchItems(h.db, 'noon')).items).toHaveLength(1))
    // Let the indexing that pull started run out (it pauses between steps), so only the edit's pull can index the edit.
    await new Promise((resolve) => setTimeout(resolve, 300))
    h.say('slack-general', 'lunch at one', { externalId: 'edited-1' })
    await h.at(monday('12:02'))
    expect(await h.db.items.count()).toBe(1)
    await vi.waitFor(async () =>
      expect((await searchItems(h.db, 'one')).items.map((item) => item.id)).toEqual([said.id]),
    )
    h.engine.stop()
  })
})

describe('conversation keys', () => {
  it('stores a Slack link and the GitHub notification it names under one key, and keys rows stored before keys existed', async () => {
    const h = await createHarness({ start: monday('12:00') })
    const old = {
      id: 'gh-old:1',
      accountId: 'gh-old',
      source: 'github',
      stream: 'notifications',
      externalId: '1',
      threadKey: 'github:1',
      container: 'acme/api',
      author: { id: '', name: 'GitHub' },
      title: 'Retry uploads on 503',
      text: 'Review requested',
      url: 'https://github.com/acme/api/pull/5',
      sentAt: Date.parse(monday('08:00')),
      needsReply: true,
      status: 'delivered',
      receivedAt: Date.parse(monday('08:00')),
    } as const
    await h.db.items.put(old)
    await h.engine.start()
    const link = h.say('slack-general', 'look at this', {
      facts: { links: ['https://github.com/Acme/api/pull/5'] },
    })
    const notification = h.say('github', 'review please', {
      url: 'https://github.com/acme/api/pull/5#issuecomment-9',
    })
    await h.at(monday('12:10'))
    const key = 'github:github.com/acme/api#5'
    await vi.waitFor(async () =>
      expect((await h.db.items.where('conversationKey').equals(key).primaryKeys()).sort()).toEqual(
        [link.id, notification.id, old.id].sort(),
      ),
    )
    expect(h.problems).toEqual([])
    h.engine.stop()
  })
})
