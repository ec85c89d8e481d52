// The mail providers Lull knows by name: where their IMAP server is, and
// how to link to a message in their web app. A server not listed here is
// reached as the person typed it, and its items carry no link.

export type Security = 'tls' | 'starttls' | 'plain'

export type MailPreset = {
  name: string
  host: string
  port: number
  security: Security
  /** Address domains whose mail this provider holds, to fill in the server from the address. */
  domains: string[]
  /** The message's page in the provider's web app, from Gmail's thread id; absent when there is none. */
  webUrl?: (message: { threadId?: string }) => string | undefined
}

/** Gmail links a thread by its X-GM-THRID, written in hex. */
function gmailThreadUrl(message: { threadId?: string }): string | undefined {
  if (!message.threadId || !/^\d{1,20}$/.test(message.threadId)) return undefined
  return `https://mail.google.com/mail/u/0/#all/${BigInt(message.threadId).toString(16)}`
}

export const mailPresets: MailPreset[] = [
  {
    name: 'Gmail',
    host: 'imap.gmail.com',
    port: 993,
    security: 'tls',
    domains: ['gmail.com', 'googlemail.com'],
    webUrl: gmailThreadUrl,
  },
  {
    name: 'Outlook',
    host: 'outlook.office365.com',
    port: 993,
    security: 'tls',
    domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com'],
  },
  {
    name: 'Fastmail',
    host: 'imap.fastmail.com',
    port: 993,
    security: 'tls',
    domains: ['fastmail.com', 'fastmail.fm'],
  },
]

/** The preset for a server name, or for the domain of an address when no server was typed. */
export function presetFor(input: { host?: string; user?: string }): MailPreset | undefined {
  const host = input.host?.trim().toLowerCase()
  if (host) return mailPresets.find((preset) => preset.host === host)
  const domain = input.user?.split('@')[1]?.trim().toLowerCase()
  if (!domain) return undefined
  return mailPresets.find((preset) => preset.domains.includes(domain))
}
