// A message's text as a view shows it: bidi controls removed and the text
// isolated, a bounded snippet in list rows, the whole text in the item view
// with a line-break opportunity inside every long unbroken run, so a
// 20,000-character word costs about what ordinary words cost (bench/long-text.ts).
import { Fragment, useMemo } from 'react'
import { breakUnbrokenRuns, snippet, stripBidiControls } from '../../shared/display-text'

/** One field from a message (a name, a channel, a title), isolated so it cannot reorder what is beside it. */
export function Field({ text, className }: { text: string; className?: string }) {
  return <bdi className={className}>{stripBidiControls(text)}</bdi>
}

export function MessageText({ text, isFull }: { text: string; isFull: boolean }) {
  const shown = useMemo(() => {
    const clean = stripBidiControls(text)
    return isFull ? breakUnbrokenRuns(clean) : [snippet(clean)]
  }, [text, isFull])
  return (
    <p className="item-text" data-full={isFull ? 'true' : undefined}>
      <bdi>
        {shown.map((piece, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of a given text never move, so their place is their identity
          <Fragment key={index}>
            {index > 0 ? <wbr /> : null}
            {piece}
          </Fragment>
        ))}
      </bdi>
    </p>
  )
}
