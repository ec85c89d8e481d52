// How much of a message's MIME structure Lull parses. postal-mime decodes
// every part it meets, so a mail of 10,000 tiny attachments cost seconds on
// main; the parts a person reads (the text, the HTML) come first, so the
// source is cut before the part past the bound, found by a cheap scan.

/** Parts past this are not parsed; the item says the message was cut. */
export const maxMessageParts = 500

/**
 * The start of the message up to its `maxParts`-th part. Every part starts
 * with a delimiter line (`--boundary`), so counting lines that start with
 * "--" bounds the parts from above: a cut may come early in a text with many
 * such lines, never late.
 */
export function boundedParts(source: Buffer, maxParts = maxMessageParts): { source: Buffer; isCut: boolean } {
  let delimiters = 0
  let at = source.indexOf('\n--')
  while (at !== -1) {
    delimiters++
    if (delimiters > maxParts) return { source: source.subarray(0, at + 1), isCut: true }
    at = source.indexOf('\n--', at + 3)
  }
  return { source, isCut: false }
}
