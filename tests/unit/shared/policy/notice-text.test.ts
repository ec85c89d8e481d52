// Notification text is plain for sure: no markup a notification server
// could read, no bidi control that reorders what it shows.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { noticeBody, noticeTitle, plainText } from '../../../../src/shared/policy/notice-text'

/** What a markup parser could read as a tag, closing tag, comment or instruction. */
const markupOpener = /<[A-Za-z/!?]/
const bidiControl = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/

/** Strings built from the pieces tags are made of, so the search finds nested and split tags. */
const tagSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<',
        '>',
        '/',
        '!',
        '?',
        'a',
        'b',
        'x',
        ' ',
        '=',
        '"',
        'href',
        '<a',
        '</',
        '<!--',
        '-->',
      ),
      fc.constantFrom('\u202e', '\u2066', '\u200f', '\u061c', '\u0000', '\u0007', '\n', '\t', '\u0085'),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''))

describe('notification text', () => {
  it('removes a tag split by another tag, which one pass would leave behind', () => {
    expect(plainText('hi <a<x> href="https://evil.example">there</a>')).toBe('hi there')
  })

  it('keeps a lone "<" readable', () => {
    expect(plainText('a < b && c > d')).toBe('a < b && c > d')
  })

  it('sets apart the "<" of an unclosed tag', () => {
    expect(plainText('look <img src=x')).toBe('look < img src=x')
  })

  it('never leaves a "<" before a letter, "/", "!" or "?", whatever the text', () => {
    fc.assert(
      fc.property(tagSoup, (text) => {
        for (const out of [plainText(text), noticeBody(text), noticeTitle(text)]) {
          expect(out).not.toMatch(markupOpener)
        }
      }),
      { numRuns: 2_000 },
    )
  })

  it('drops bidi controls, so a file name reads as it is spelled', () => {
    expect(noticeBody('invoice\u202efdp.exe')).toBe('invoicefdp.exe')
    expect(noticeTitle('#general · \u2067Mallory\u2069\u200f')).toBe('#general · Mallory')
  })

  it('never leaves a bidi control, whatever the text', () => {
    fc.assert(
      fc.property(tagSoup, (text) => {
        expect(noticeBody(text)).not.toMatch(bidiControl)
        expect(noticeTitle(text)).not.toMatch(bidiControl)
      }),
      { numRuns: 1_000 },
    )
  })

  it('does not let a removed bidi control or control character join a "<" to a letter', () => {
    expect(plainText('<\u202ea href=x>')).not.toMatch(markupOpener)
    expect(plainText('<\u0000a href=x>')).not.toMatch(markupOpener)
  })
})
