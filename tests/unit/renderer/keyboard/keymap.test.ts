import { describe, expect, it } from 'vitest'
import { isTextEntry, readKey } from '../../../../src/renderer/keyboard/keymap'

const press = (key: string, extra: { hasModifier?: boolean; isTyping?: boolean } = {}) => ({
  key,
  hasModifier: extra.hasModifier ?? false,
  isTyping: extra.isTyping ?? false,
})

describe('the list keys', () => {
  it('move, open, finish, snooze and undo with single letters', () => {
    expect(readKey(press('j'), false).action).toEqual({ kind: 'next' })
    expect(readKey(press('k'), false).action).toEqual({ kind: 'previous' })
    expect(readKey(press('o'), false).action).toEqual({ kind: 'open' })
    expect(readKey(press('e'), false).action).toEqual({ kind: 'done' })
    expect(readKey(press('s'), false).action).toEqual({ kind: 'snooze' })
    expect(readKey(press('u'), false).action).toEqual({ kind: 'undo' })
    expect(readKey(press('/'), false).action).toEqual({ kind: 'search' })
    expect(readKey(press('?'), false).action).toEqual({ kind: 'help' })
  })

  it('jump between views with g and a letter, s meaning Stats only after g', () => {
    const first = readKey(press('g'), false)
    expect(first).toEqual({ action: null, isAwaitingJump: true })
    expect(readKey(press('s'), true)).toEqual({
      action: { kind: 'go', view: 'stats' },
      isAwaitingJump: false,
    })
    expect(readKey(press('w'), true).action).toEqual({ kind: 'go', view: 'waiting' })
    expect(readKey(press('i'), true).action).toEqual({ kind: 'go', view: 'inbox' })
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
