import { Link } from '@fluentui/react-components';
import { Fragment } from 'react';

/** Web addresses and e-mail addresses in a French text (a final dot or bracket is the sentence's, not the link's). */
const ADDRESS = /(https?:\/\/[^\s«»"<>]+[^\s«»"<>.,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g;

/** The parts of a text, addresses apart: what LinkedText renders as links. */
export function splitAddresses(text: string): { readonly text: string; readonly href?: string }[] {
  const parts: { text: string; href?: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at) });
    const address = match[0];
    parts.push({
      text: address,
      href: address.includes('@') && !address.includes('/') ? `mailto:${address}` : address,
    });
    last = at + address.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** A message whose addresses (the CDC's support, its guides) are links the user can follow. */
export function LinkedText({ text }: { readonly text: string }) {
  return (
    <>
      {splitAddresses(text).map((part, i) =>
        part.href ? (
          <Link key={i} href={part.href} target="_blank" rel="noopener noreferrer" inline>
            {part.text}
          </Link>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
