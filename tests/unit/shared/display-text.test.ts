// What a person sees of a message: bounded snippets for list rows, long
// unbroken runs cut into wrappable pieces, bidi controls removed.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  breakUnbrokenRuns,
  cleanName,
  hasBidiControls,
  hasHiddenCharacters,
  snippet,
  snippetCharLimit,
  stripBidiControls,
  unbrokenRunLimit,
} from '../../../src/shared/display-text'
import { fitItem } from '../../../src/shared/fit-item'

describe('snippets for list rows', () => {
  it('cuts a 20,000-character word to the limit with a visible "…"', () => {
    const shown = snippet('x'.repeat(20_000))
    expect(Array.from(shown)).toHaveLength(snippetCharLimit + 1)
    expect(shown.endsWith('x…')).toBe(true)
  })

  it('leaves a short text as it is', () => {
    expect(snippet('Deploy is green.\nShip it?')).toBe('Deploy is green.\nShip it?')
  })

  it('cuts at a code point, never inside an emoji', () => {
    const shown = snippet('😀'.repeat(400), 10)
    expect(shown).toBe(`${'😀'.repeat(10)}…`)
  })

  it('bounds the lines as well as the characters', () => {
    expect(snippet('a\n'.repeat(50), 300, 3)).toBe('a\na\na…')
  })

  it('is never longer than the limit and always a prefix of the text, plus "…"', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: 1, max: 400 }),
        (text, limit) => {
          const shown = snippet(text, limit)
          if (shown === text) return
          expect(shown.endsWith('…')).toBe(true)
          const kept = shown.slice(0, -1)
          expect(text.startsWith(kept)).toBe(true)
          expect(Array.from(kept).length).toBeLessThanOrEqual(limit)
          // The cut never falls between the two halves of a surrogate pair.
          const isSplitPair =
            /[\ud800-\udbff]$/.test(kept) && /^[\udc00-\udfff]/.test(text.slice(kept.length))
          expect(isSplitPair).toBe(false)
        },
      ),
    )
  })
})

describe('breaking unbroken runs', () => {
  it('cuts a 20,000-character word into pieces no longer than the limit', () => {
    const pieces = breakUnbrokenRuns('x'.repeat(20_000))
    expect(pieces.join('')).toBe('x'.repeat(20_000))
    expect(Math.max(...pieces.map((piece) => piece.length))).toBe(unbrokenRunLimit)
  })

  it('leaves text of ordinary words whole', () => {
    const text = 'the quick brown fox '.repeat(1_000)
    expect(breakUnbrokenRuns(text)).toEqual([text])
  })

  it('keeps an accented letter or an emoji sequence in one piece', () => {
    const family = '👨‍👩‍👧‍👦'
    const pieces = breakUnbrokenRuns(`${'e\u0301'.repeat(30)}${family.repeat(20)}`, 16)
    for (const piece of pieces) {
      expect(piece.startsWith('\u0301')).toBe(false)
      expect(piece.startsWith('\u200d')).toBe(false)
    }
  })

  it('joins back to the text exactly, with every piece of a long run within the limit', () => {
    const runs = fc.array(
      fc.oneof(fc.string({ maxLength: 30 }), fc.constant('y'.repeat(200)), fc.constant(' ')),
      {
        maxLength: 20,
      },
    )
    fc.assert(
      fc.property(runs, (parts) => {
        const text = parts.join('')
        const pieces = breakUnbrokenRuns(text, 20)
        expect(pieces.join('')).toBe(text)
        for (const piece of pieces) {
          for (const run of piece.match(/\S+/g) ?? []) expect(run.length).toBeLessThanOrEqual(20)
        }
      }),
    )
  })
})

describe('bidi controls', () => {
  it('removes overrides, embeddings, isolates and marks', () => {
    const hostile =
      'invoice\u202efdp.exe \u202a\u202b\u202c\u202d \u2066\u2067\u2068\u2069 \u200e\u200f\u061c'
    expect(stripBidiControls(hostile)).toBe('invoicefdp.exe   ')
    expect(hasBidiControls(hostile)).toBe(true)
    expect(hasBidiControls(stripBidiControls(hostile))).toBe(false)
  })

  it('leaves Arabic and Hebrew letters alone', () => {
    expect(stripBidiControls('שלום مرحبا')).toBe('שלום مرحبا')
  })
})

describe('names with hidden characters', () => {
  it('removes zero-width characters and bidi controls from a name', () => {
    expect(cleanName('admin\u200B')).toBe('admin')
    expect(cleanName('Da\u200Dna \u2060Lee\uFEFF')).toBe('Dana Lee')
    expect(cleanName('\u202Eevil')).toBe('evil')
  })

  it('says a string has hidden characters, and a cleaned name has none', () => {
    for (const text of ['admin\u200B@example.com', 'a\u200Cb', 'x\u2066y', 'bom\uFEFF']) {
      expect(hasHiddenCharacters(text)).toBe(true)
      expect(hasHiddenCharacters(cleanName(text))).toBe(false)
    }
    expect(hasHiddenCharacters('Dana Lee <dana@example.com>')).toBe(false)
  })

  it('cleans every name the host fits, whatever the source', () => {
    const fitted = fitItem({ author: { id: 'U1', name: 'ad\u200Bmin\u202E' }, title: 't' }) as {
      author: { name: string }
    }
    expect(fitted.author.name).toBe('admin')
  })
})
