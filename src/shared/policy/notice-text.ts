// Text for the OS's notification centre. Some notification servers read
// markup in the body, so anything tag-like is removed, and bodies are kept
// short enough to show whole in a banner.

export const noticeBodyLimit = 200
export const noticeTitleLimit = 100

/** Plain, one-line text: tags dropped, control characters and runs of whitespace made one space. */
export function plainText(text: string): string {
  return (
    text
      .replace(/<\/?[A-Za-z!][^<>]*>/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  )
}

/** Cut at a code point, never inside an emoji's surrogate pair, and say it was cut. */
export function truncate(text: string, limit: number): string {
  const points = Array.from(text)
  if (points.length <= limit) return text
  return `${points
    .slice(0, limit - 1)
    .join('')
    .trimEnd()}…`
}

export function noticeTitle(text: string): string {
  return truncate(plainText(text), noticeTitleLimit)
}

export function noticeBody(text: string): string {
  return truncate(plainText(text), noticeBodyLimit)
}
