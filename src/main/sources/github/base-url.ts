// Where an account's GitHub lives: github.com, or a GitHub Enterprise Server
// the person names by host or URL. The API and the web pages are on
// different bases, and only https is accepted, except on this computer.
import { HostError } from '../../../shared/contract'

export type GithubPlace = { apiUrl: string; webUrl: string; isEnterprise: boolean }

export const githubCom: GithubPlace = {
  apiUrl: 'https://api.github.com',
  webUrl: 'https://github.com',
  isEnterprise: false,
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** `ghe.example.com`, `https://ghe.example.com` or `https://ghe.example.com/api/v3` → its API and web bases. */
export function githubPlace(baseUrl: string | undefined): GithubPlace {
  const typed = baseUrl?.trim() ?? ''
  if (typed === '' || /^(https:\/\/)?(api\.)?github\.com\/?$/i.test(typed)) return githubCom
  let url: URL
  try {
    url = new URL(/^[a-z]+:\/\//i.test(typed) ? typed : `https://${typed}`)
  } catch {
    throw new HostError(
      'invalid-request',
      `'${typed}' is not a server address. Type it like github.example.com.`,
    )
  }
  const isLoopback = loopback.has(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw new HostError(
      'invalid-request',
      `Lull reaches GitHub Enterprise Server over https only, so your token never crosses the network in the clear. Use https://${url.host}.`,
    )
  }
  const origin = `${url.protocol}//${url.host}`
  return { apiUrl: `${origin}/api/v3`, webUrl: origin, isEnterprise: true }
}

/**
 * Whether a URL GitHub handed Lull (a comment link) lies under the
 * account's own API: the same scheme, host and port, below its base path.
 * Only such a URL is fetched with the account's token.
 */
export function isUnderApi(url: string, place: GithubPlace): boolean {
  if (!URL.canParse(url)) return false
  const target = new URL(url)
  const api = new URL(place.apiUrl)
  const base = api.pathname.replace(/\/+$/, '')
  return target.origin === api.origin && target.pathname.startsWith(`${base}/`)
}
