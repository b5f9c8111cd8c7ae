/**
 * Feeds → items: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed, through feedsmith, normalised to
 * one shape (text titles, ISO dates, absolute links, content as HTML and as plain text).
 */
import { quoteNumericIds } from './json-ids.ts';
import { parseFeed as parseAnyFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';
import { InputError } from './errors.ts';
import { collectBlocks } from './html/blocks.ts';
import { capNesting, stripDtdSubset } from './html/flatten.ts';
import { normaliseDate } from './html/meta.ts';
import { MAX_INPUT_BYTES } from './detect.ts';

export interface FeedItem {
  title: string;
  /** Absolute link to the item's page ('' when the feed gives none). */
  link: string;
  /** Publication day, `YYYY-MM-DD` (updated date when the feed gives no published date). */
  published?: string;
  /** Full ISO 8601 timestamp when the feed gives a time. */
  publishedTime?: string;
  summary?: string;
  /** Full content as HTML, when the feed carries it. */
  contentHtml?: string;
  /** Full content as plain text: paragraphs separated by blank lines. */
  contentText?: string;
  id?: string;
  authors?: string[];
}

/** Markup in a text field: when present, the field is HTML and is turned into text. */
const LOOKS_HTML = /<\/?[a-z][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

type Obj = Record<string, unknown>;

/** A feed field as trimmed text (a string, or the `value` of an object). */
function str(x: unknown): string | undefined {
  if (typeof x === 'string') return x.trim() || undefined;
  if (x && typeof x === 'object' && 'value' in (x as Obj)) return str((x as Obj)['value']);
  return undefined;
}

/** Atom `{ value, type }` text constructs (and HTML-looking RSS strings) as plain text. */
function plain(x: unknown): string | undefined {
  const v = str(x);
  if (!v) return undefined;
  const type = x && typeof x === 'object' ? (x as Obj)['type'] : undefined;
  if (type === 'text' || !LOOKS_HTML.test(v)) return v.replace(/\s+/g, ' ').trim();
  return htmlToText(v).replace(/\s+/g, ' ').trim() || undefined;
}

/** An HTML fragment as plain text, paragraphs separated by blank lines. */
export function htmlToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  // linkedom's document has the DOM lib's type, which says `body` is always there; a fragment may lack one
  const body: Element | null = document.body;
  if (!body) return '';
  return collectBlocks(body)
    .map((b) => b.text)
    .join('\n\n');
}

/** A link made absolute against the feed's URL; empty when there is none. */
function absolute(link: string | undefined, base: string | undefined): string {
  if (!link) return '';
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

/** The item's publication day (and time), from the first candidate that parses as a date. */
function setDate(item: FeedItem, ...candidates: unknown[]): void {
  for (const c of candidates) {
    const d = normaliseDate(str(c));
    if (d) {
      item.published = d.day;
      if (d.time) item.publishedTime = d.time;
      return;
    }
  }
}

/** The authors' names of a feed item (strings or objects with a name). */
function authorsOf(x: unknown): string[] | undefined {
  const list = (Array.isArray(x) ? x : x ? [x] : [])
    .map((a) => (typeof a === 'string' ? a : str((a as Obj)?.['name'])))
    .filter((a): a is string => !!a);
  return list.length ? list : undefined;
}

/** The item with its content (HTML and plain text, or plain text) and without empty fields. */
function finish(item: FeedItem, contentHtml: string | undefined, contentText: string | undefined): FeedItem {
  if (contentHtml) {
    item.contentHtml = contentHtml;
    item.contentText = htmlToText(contentHtml) || undefined;
  } else if (contentText) {
    item.contentText = contentText;
  }
  for (const k of Object.keys(item) as (keyof FeedItem)[]) if (item[k] === undefined) delete item[k];
  return item;
}

/**
 * Parse a feed (RSS 2.0, RSS 1.0/RDF, Atom as XML text; JSON Feed as JSON text) into items.
 * Throws InputError naming the cause when the text is not a feed. An empty feed gives [].
 */
export function parseFeed(source: string, opts: { url?: string } = {}): FeedItem[] {
  if (source.length > MAX_INPUT_BYTES) throw new InputError(`feed is over the ${MAX_INPUT_BYTES / 1048576} MB limit`);
  const trimmed = source.replace(/^\uFEFF/, '').trim();
  if (!trimmed) throw new InputError('empty input: not a feed');
  let input: unknown = trimmed;
  if (trimmed.startsWith('{')) {
    try {
      input = JSON.parse(quoteNumericIds(trimmed));
    } catch (err) {
      throw new InputError(`not a feed: invalid JSON (${(err as Error).message})`);
    }
  } else if (!trimmed.startsWith('<')) {
    throw new InputError('not a feed: neither XML nor JSON');
  }
  let parsed: { format: string; feed: unknown };
  try {
    // XML: runaway nesting flattened (the parser recurses) and any internal DTD subset dropped.
    const xml = typeof input === 'string' ? capNesting(stripDtdSubset(input)) : input;
    parsed = parseAnyFeed(xml as string) as { format: string; feed: unknown };
  } catch (err) {
    throw new InputError(`not a feed: ${(err as Error).message.split('\n')[0]}`);
  }
  const feed = parsed.feed as Obj;
  const base = opts.url ?? str(feed['link']) ?? str(feed['home_page_url']);
  const out: FeedItem[] = [];
  switch (parsed.format) {
    case 'rss':
    case 'rdf':
      for (const raw of (feed['items'] as Obj[] | undefined) ?? []) {
        const item: FeedItem = {
          title: plain(raw['title']) ?? '',
          link: absolute(str(raw['link']) ?? guidLink(raw), base),
        };
        const guid = str(raw['guid']) ?? str((raw['rdf'] as Obj | undefined)?.['about']);
        if (guid) item.id = guid;
        const dc = raw['dc'] as Obj | undefined;
        setDate(item, raw['pubDate'], (dc?.['dates'] as unknown[] | undefined)?.[0], dc?.['date']);
        const authors = authorsOf(raw['authors'] ?? raw['author'] ?? dc?.['creators'] ?? dc?.['creator']);
        if (authors) item.authors = authors;
        const description = str(raw['description']);
        const encoded = str((raw['content'] as Obj | undefined)?.['encoded']);
        if (description) item.summary = plain(description);
        out.push(finish(item, encoded, undefined));
      }
      break;
    case 'atom':
      for (const raw of (feed['entries'] as Obj[] | undefined) ?? []) {
        const links = (raw['links'] as Obj[] | undefined) ?? [];
        const link = links.find((l) => !l['rel'] || l['rel'] === 'alternate') ?? links[0];
        const item: FeedItem = { title: plain(raw['title']) ?? '', link: absolute(str(link?.['href']), base) };
        if (str(raw['id'])) item.id = str(raw['id']);
        setDate(item, raw['published'], raw['updated']);
        const authors = authorsOf(raw['authors']);
        if (authors) item.authors = authors;
        const summary = plain(raw['summary']);
        if (summary) item.summary = summary;
        const content = raw['content'] as Obj | string | undefined;
        const ctype = typeof content === 'object' ? str(content['type']) : undefined;
        const cvalue = str(content);
        if (cvalue && (ctype === 'html' || ctype === 'xhtml' || (!ctype && LOOKS_HTML.test(cvalue))))
          out.push(finish(item, cvalue, undefined));
        else out.push(finish(item, undefined, cvalue));
      }
      break;
    case 'json':
      for (const raw of (feed['items'] as Obj[] | undefined) ?? []) {
        const item: FeedItem = {
          title: plain(raw['title']) ?? '',
          link: absolute(str(raw['url']) ?? str(raw['external_url']), base),
        };
        if (raw['id'] != null) item.id = String(raw['id']);
        setDate(item, raw['date_published'], raw['date_modified']);
        const authors = authorsOf(raw['authors'] ?? raw['author']);
        if (authors) item.authors = authors;
        const summary = plain(raw['summary']);
        if (summary) item.summary = summary;
        out.push(finish(item, str(raw['content_html']), str(raw['content_text'])));
      }
      break;
    default:
      throw new InputError(`not a feed: unsupported format ${parsed.format}`);
  }
  return out;
}

/** RSS guids that are permalinks stand in for a missing <link>. */
function guidLink(raw: Obj): string | undefined {
  const g = raw['guid'] as Obj | string | undefined;
  if (!g) return undefined;
  const value = str(g);
  const isPermaLink = typeof g === 'object' ? g['isPermaLink'] !== false : true;
  return isPermaLink && value && /^https?:\/\//.test(value) ? value : undefined;
}
