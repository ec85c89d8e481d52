// Where a link really goes, in a few characters a person can check before
// opening it: the host the parser sees (so `https://github.com@evil.example/`
// says evil.example), the domains a mailto writes to, or "Slack".

/** A host as the URL parser normalises it (lower case, punycode), or null if it is not a valid host. */
function normalHost(host: string): string | null {
  // Anything the parser would read as a port, path, query or fragment is not part of a domain.
  if (/[/?#\\:@]/.test(host)) return null
  try {
    const hostname = new URL(`http://${host}/`).hostname
    return hostname === '' ? null : hostname
  } catch {
    return null
  }
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/** The distinct domains a mailto link addresses: its path and its to, cc and bcc fields. */
function mailDomains(url: URL): string[] {
  const fields = [
    decoded(url.pathname),
    ...['to', 'cc', 'bcc'].flatMap((name) => url.searchParams.getAll(name)),
  ]
  const domains = fields
    .flatMap((field) => field.split(','))
    .map((address) => {
      const at = address.lastIndexOf('@')
      return at === -1 ? null : normalHost(address.slice(at + 1).trim())
    })
    .filter((domain): domain is string => domain !== null)
  return [...new Set(domains)]
}

/**
 * A short label for where `link` leads: "github.com", "example.com:8443",
 * "example.com" for mailto:ana@example.com ("example.com +1" when it also
 * writes to another domain), "Slack" for slack: links; null when there is
 * nothing honest to say (not a link, or a mailto without a valid address).
 */
export function linkDestination(link: string): string | null {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return null
  }
  switch (url.protocol) {
    case 'http:':
    case 'https:':
      return url.host === '' ? null : url.host
    case 'mailto:': {
      const [first, ...others] = mailDomains(url)
      if (first === undefined) return null
      return others.length === 0 ? first : `${first} +${others.length}`
    }
    case 'slack:':
      return 'Slack'
    default:
      return null
  }
}

/**
 * What a link pretends, when it pretends: a web link with a user part reads
 * as one host and goes to another (`https://github.com@evil.example/` looks
 * like github.com and opens evil.example). Null for an honest link.
 */
export function hiddenHostWarning(link: string): string | null {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username === '' && url.password === '') return null
  const shown = decoded(url.password === '' ? url.username : `${url.username}:${url.password}`)
  return `This link hides where it goes: it starts with “${shown}” but opens ${url.host}.`
}
