import { describe, expect, it } from 'vitest'
import {
  isTextEntry,
  jumpKeys,
  keyName,
  listCommands,
  readKey,
  views,
} from '../../../../src/renderer/keyboard/keymap'

const press = (
  key: string,
  extra: { hasModifier?: boolean; isTyping?: boolean; isOnControl?: boolean } = {},
) => ({
  key,
  hasModifier: extra.hasModifier ?? false,
  isTyping: extra.isTyping ?? false,
  isOnControl: extra.isOnControl ?? false,
})

describe('the list keys', () => {
  it('move, pick, open, finish, snooze and undo with single letters', () => {
    expect(readKey(press('j'), false).action).toEqual({ kind: 'next' })
    expect(readKey(press('k'), false).action).toEqual({ kind: 'previous' })
    expect(readKey(press('x'), false).action).toEqual({ kind: 'toggle' })
    expect(readKey(press('Enter'), false).action).toEqual({ kind: 'open' })
    expect(readKey(press('o'), false).action).toEqual({ kind: 'open-source' })
    expect(readKey(press('e'), false).action).toEqual({ kind: 'done' })
    expect(readKey(press('s'), false).action).toEqual({ kind: 'snooze' })
    expect(readKey(press('u'), false).action).toEqual({ kind: 'undo' })
    expect(readKey(press('/'), false).action).toEqual({ kind: 'search' })
    expect(readKey(press('?'), false).action).toEqual({ kind: 'help' })
  })

  it('extend with Shift: a capital J or K, or Shift with an arrow; Shift+E is done through here', () => {
    expect(readKey(press('J'), false).action).toEqual({ kind: 'extend-next' })
    expect(readKey(press('K'), false).action).toEqual({ kind: 'extend-previous' })
    expect(readKey(press(keyName({ key: 'ArrowDown', shiftKey: true })), false).action).toEqual({
      kind: 'extend-next',
    })
    expect(readKey(press(keyName({ key: 'ArrowDown', shiftKey: false })), false).action).toEqual({
      kind: 'next',
    })
    expect(readKey(press('E'), false).action).toEqual({ kind: 'done-through' })
  })

  it('jump to every view with g and a letter, s meaning Stats only after g', () => {
    const first = readKey(press('g'), false)
    expect(first).toEqual({ action: null, isAwaitingJump: true })
    expect(readKey(press('s'), true)).toEqual({
      action: { kind: 'go', view: 'stats' },
      isAwaitingJump: false,
    })
    for (const view of views)
      expect(readKey(press(view.key), true).action).toEqual({ kind: 'go', view: view.view })
    expect(new Set(Object.values(jumpKeys)).size).toBe(views.length)
    expect(readKey(press(','), true).action).toEqual({ kind: 'go', view: 'settings' })
  })

  it('forget a pending g on a key that names no view', () => {
    expect(readKey(press('x'), true)).toEqual({ action: null, isAwaitingJump: false })
    expect(readKey(press('e'), false).action).toEqual({ kind: 'done' })
  })

  it('leave keys typed into a field, or pressed with Ctrl or Cmd, alone; Escape still closes', () => {
    expect(readKey(press('e', { isTyping: true }), false).action).toBeNull()
    expect(readKey(press('j', { hasModifier: true }), false).action).toBeNull()
    expect(readKey(press('Escape', { isTyping: true }), false).action).toEqual({ kind: 'close' })
  })

  it('open the palette with Ctrl or Cmd and K from anywhere, a text field included', () => {
    expect(readKey(press('k', { hasModifier: true }), false).action).toEqual({ kind: 'palette' })
    expect(readKey(press('k', { hasModifier: true, isTyping: true }), false).action).toEqual({
      kind: 'palette',
    })
    expect(readKey(press('k'), false).action).toEqual({ kind: 'previous' })
  })

  it('leave Enter to a button or a link that has the focus', () => {
    expect(readKey(press('Enter', { isOnControl: true }), false).action).toBeNull()
  })

  it('give every list command a key that reads back as that command', () => {
    for (const command of listCommands) {
      for (const key of command.keys)
        expect(readKey(press(key), false).action).toEqual({ kind: command.kind })
    }
  })
})

describe('text entry', () => {
  it('is a text field, a text area, a select or an editable element, not a checkbox or a button', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'search' })).toBe(true)
    expect(isTextEntry({ tagName: 'input' })).toBe(true)
    expect(isTextEntry({ tagName: 'TEXTAREA' })).toBe(true)
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true })).toBe(true)
    expect(isTextEntry({ tagName: 'INPUT', type: 'checkbox' })).toBe(false)
    expect(isTextEntry({ tagName: 'BUTTON' })).toBe(false)
    expect(isTextEntry(null)).toBe(false)
  })
})
