// The HTML converter on mail built to wedge it: 150,000 nested divs and
// 20,000 nested tables once cost html-to-text seconds of CPU on main and
// then a stack overflow. Measured first, they are read plainly instead, in
// one pass; ordinary HTML keeps its layout.
import { describe, expect, it } from 'vitest'
import { htmlAsText, htmlBounds, measureHtml, stripTags } from '../../../src/main/sources/email/html-text'

/** 150,000 divs opened and never closed: 750 KB, under the 1 MB Lull reads of a message. */
const nestedDivs = `${'<div>'.repeat(150_000)}Deep text`
const nestedTables = `${'<table><tr><td>'.repeat(20_000)}Table text${'</td></tr></table>'.repeat(20_000)}`

function timed<T>(label: string, work: () => T): T {
  const began = performance.now()
  const answer = work()
  console.log(`${label}: ${(performance.now() - began).toFixed(0)} ms`)
  return answer
}

describe('measuring HTML before converting it', () => {
  it('stops at the depth bound for 150,000 nested divs', () => {
    const shape = measureHtml(nestedDivs)
    expect(shape.isWithinBounds).toBe(false)
    expect(shape.depth).toBe(htmlBounds.maxDepth + 1)
  })

  it('stops at the depth bound for 20,000 nested tables', () => {
    expect(measureHtml(nestedTables).isWithinBounds).toBe(false)
  })

  it('stops at the element bound for a flat list longer than it', () => {
    const shape = measureHtml('<p>a</p>'.repeat(htmlBounds.maxElements + 1))
    expect(shape).toEqual({ depth: 1, elements: htmlBounds.maxElements + 1, isWithinBounds: false })
  })

  it('reads a newsletter within bounds: closed tags, void elements, unclosed paragraphs, comments and scripts', () => {
    const html = [
      '<!DOCTYPE html><html><head><style>p > b { color: red }</style></head><body>',
      '<!-- <div><div><div> -->',
      '<table><tr><td><p>one<p>two<br><img src="x.png"></td></tr></table>',
      '<script>for (let i = 0; i < 3; i++) document.write("<div>")</script>',
      '</body></html>',
    ].join('')
    expect(measureHtml(html)).toEqual({ depth: 6, elements: 12, isWithinBounds: true })
  })
})

describe('HTML as text', () => {
  it('reads 150,000 nested divs plainly, and says so', () => {
    const text = timed('150,000 nested divs', () => htmlAsText(nestedDivs))
    expect(text).toEqual({ text: 'Deep text', isStripped: true })
  })

  it('reads 20,000 nested tables plainly, and says so', () => {
    const text = timed('20,000 nested tables', () => htmlAsText(nestedTables))
    expect(text).toEqual({ text: 'Table text', isStripped: true })
  })

  it('keeps the layout of HTML within bounds', () => {
    const text = htmlAsText('<h1>Hello</h1><ul><li>one</li><li>two</li></ul><p>Fish &amp; chips</p>')
    expect(text).toEqual({ text: 'HELLO\n\n * one\n * two\n\nFish & chips', isStripped: false })
  })
})

describe('the plain reading', () => {
  it('drops tags, scripts, styles and the head; a block its own paragraph; decodes entities', () => {
    const html =
      '<html><head><title>Hidden title</title><style>.x{}</style></head><body><p>Fish &amp; chips&nbsp;&#8364;5</p><div>Second <b>line</b></div><script>alert("x")</script><table><tr><td>a</td><td>b</td></tr></table></body></html>'
    expect(stripTags(html)).toBe('Fish & chips €5\n\nSecond line\n\na b')
  })

  it('keeps a "<" that starts no tag as text', () => {
    expect(stripTags('<p>5 < 6 and 7 <> 8</p>')).toBe('5 < 6 and 7 <> 8')
  })
})
