// The tray draws the state the renderer computed and turns menu clicks
// into tray:command events; the menu holds every command, since Linux may
// never deliver a click on the icon.
import { beforeEach, describe, expect, it } from 'vitest'
import { createEventHub } from '../../../src/main/events'
import { createLog } from '../../../src/main/log'
import { createTray } from '../../../src/main/os/tray'
import { appPaths } from '../../../src/main/paths'
import type { EventName } from '../../../src/shared/contract'
import type { TrayState } from '../../../src/shared/model'
import { resetElectron, Tray } from '../../fakes/electron'

const open: TrayState = {
  icon: 'open',
  tooltip: 'Lull: 14 waiting, next check-in 13:00',
  waitingCount: 14,
  nextCheckIn: '13:00',
  isFocused: false,
  isSyncPaused: false,
}
const focused: TrayState = { ...open, icon: 'focus', tooltip: 'Lull: focus until 11:30', isFocused: true }
const due: TrayState = { ...open, icon: 'check-in-due', tooltip: 'Lull: check-in due', nextCheckIn: null }

function setup(platform = 'linux') {
  const paths = appPaths(process.cwd(), platform)
  const hub = createEventHub(createLog(() => {}))
  const emitted: Array<{ name: EventName; payload: unknown }> = []
  hub.connect((name, payload) => emitted.push({ name, payload }))
  let shown = 0
  let quits = 0
  const view = createTray({
    icons: paths.trayIcons,
    isTemplate: paths.isTrayTemplate,
    platform,
    emit: hub.emit,
    showWindow: () => shown++,
    quit: () => quits++,
  })
  const tray = Tray.instances.at(-1)
  if (!tray) throw new Error('no tray was created')
  const menu = () => {
    if (!tray.menu) throw new Error('the tray has no menu')
    return tray.menu
  }
  const labels = () => menu().items.map((item) => item.label ?? `(${item.type})`)
  const item = (label: string) => menu().items.find((candidate) => candidate.label === label)
  return {
    view,
    tray,
    paths,
    emitted,
    menu,
    labels,
    item,
    shown: () => shown,
    quits: () => quits,
  }
}

beforeEach(() => resetElectron())

describe('tray', () => {
  it('offers every command in its menu, in order', () => {
    const { view, labels } = setup()
    view.setState(open)
    expect(labels()).toEqual([
      'Focus for 25 min',
      'Focus for 50 min',
      'Focus for 90 min',
      'Focus until next check-in',
      'End focus',
      'Check in now (14)',
      'Next check-in 13:00',
      '(separator)',
      'Open Lull',
      'Pause syncing',
      '(separator)',
      'Quit',
    ])
  })

  it('shows the next check-in as a disabled label, or says none is scheduled', () => {
    const { view, item } = setup()
    view.setState(open)
    expect(item('Next check-in 13:00')?.enabled).toBe(false)
    view.setState(due)
    expect(item('No check-ins scheduled')?.enabled).toBe(false)
  })

  it('enables End focus only while focused', () => {
    const { view, item } = setup()
    view.setState(open)
    expect(item('End focus')?.enabled).toBe(false)
    view.setState(focused)
    expect(item('End focus')?.enabled).toBe(true)
  })

  it('checks Pause syncing while syncing is paused', () => {
    const { view, item } = setup()
    view.setState(open)
    expect(item('Pause syncing')).toMatchObject({ type: 'checkbox', checked: false })
    view.setState({ ...open, isSyncPaused: true })
    expect(item('Pause syncing')?.checked).toBe(true)
  })

  it('draws the icon and tooltip of each state, with a high-density sibling', () => {
    const { view, tray, paths } = setup()
    for (const state of [open, focused, due]) {
      view.setState(state)
      expect(tray.image.path).toBe(paths.trayIcons[state.icon])
      expect(tray.image.isEmpty()).toBe(false)
      expect(tray.image.getScaleFactors()).toEqual([1, 2])
      expect(tray.tooltip).toBe(state.tooltip)
    }
  })

  it('uses template images on macOS and puts the waiting count in the title', () => {
    const { view, tray } = setup('darwin')
    view.setState(focused)
    expect(tray.image.path).toMatch(/focusTemplate\.png$/)
    expect(tray.image.isTemplateImage()).toBe(true)
    expect(tray.image.isEmpty()).toBe(false)
    expect(tray.title).toBe('14')
  })

  it('sets the menu again on every state change, for AppIndicator', () => {
    const { view, tray } = setup()
    const before = tray.menuSetCount
    view.setState(open)
    view.setState(focused)
    expect(tray.menuSetCount).toBe(before + 2)
  })

  it('turns focus clicks into focus-start commands with their length', () => {
    const { view, menu, emitted } = setup()
    view.setState(open)
    menu().click('Focus for 25 min')
    menu().click('Focus for 50 min')
    menu().click('Focus for 90 min')
    menu().click('Focus until next check-in')
    expect(emitted).toEqual([
      { name: 'tray:command', payload: { command: 'focus-start', length: { kind: 'minutes', minutes: 25 } } },
      { name: 'tray:command', payload: { command: 'focus-start', length: { kind: 'minutes', minutes: 50 } } },
      { name: 'tray:command', payload: { command: 'focus-start', length: { kind: 'minutes', minutes: 90 } } },
      { name: 'tray:command', payload: { command: 'focus-start', length: { kind: 'until-check-in' } } },
    ])
  })

  it('turns End focus, Check in now and Pause syncing into their commands', () => {
    const { view, menu, emitted } = setup()
    view.setState(focused)
    menu().click('End focus')
    menu().click('Check in now (14)')
    menu().click('Pause syncing')
    expect(emitted.map((event) => event.payload)).toEqual([
      { command: 'focus-end' },
      { command: 'check-in-now' },
      { command: 'sync-pause-toggle' },
    ])
  })

  it('opens the window on the Now view from Open Lull', () => {
    const { view, menu, emitted, shown } = setup()
    view.setState(open)
    menu().click('Open Lull')
    expect(shown()).toBe(1)
    expect(emitted).toEqual([{ name: 'tray:command', payload: { command: 'open', target: { view: 'now' } } }])
  })

  it('quits from Quit without emitting a command', () => {
    const { view, menu, emitted, quits } = setup()
    view.setState(open)
    menu().click('Quit')
    expect(quits()).toBe(1)
    expect(emitted).toEqual([])
  })

  it('has a working menu before the renderer has said anything', () => {
    const { labels, tray } = setup()
    expect(labels()).toContain('Quit')
    expect(tray.image.isEmpty()).toBe(false)
  })
})
