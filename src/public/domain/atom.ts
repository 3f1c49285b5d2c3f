/** Atom 1.0 feeds (RFC 4287) so pharmacies can follow a product or a substance in a feed reader. */

export interface AtomEntry {
  readonly id: string;
  readonly title: string;
  readonly updated: string;
  readonly link: string;
  readonly summary: string;
}

export interface AtomFeed {
  readonly id: string;
  readonly title: string;
  readonly link: string;
  readonly selfLink: string;
  readonly updated: string;
  readonly entries: readonly AtomEntry[];
}

/** Whether XML 1.0 allows the character at all (control characters other than tab, LF, CR not). */
function allowedInXml(char: string): boolean {
  const code = char.charCodeAt(0);
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return Array.from(text)
    .filter(allowedInXml)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function renderAtom(feed: AtomFeed): string {
  const entries = feed.entries
    .map(
      (entry) => `  <entry>
    <id>${escapeXml(entry.id)}</id>
    <title>${escapeXml(entry.title)}</title>
    <updated>${escapeXml(entry.updated)}</updated>
    <link rel="alternate" href="${escapeXml(entry.link)}"/>
    <summary type="text">${escapeXml(entry.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
  <id>${escapeXml(feed.id)}</id>
  <title>${escapeXml(feed.title)}</title>
  <updated>${escapeXml(feed.updated)}</updated>
  <link rel="alternate" href="${escapeXml(feed.link)}"/>
  <link rel="self" href="${escapeXml(feed.selfLink)}"/>
  <author><name>medsupply</name></author>
${entries}
</feed>
`;
}
