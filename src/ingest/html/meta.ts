/**
 * Page metadata: title, authors, publication date, publisher, canonical URL, language, description.
 *
 * Sources in order of trust: JSON-LD (schema.org NewsArticle and kin), Open Graph / article: /
 * twitter: / Dublin Core meta tags, `<time datetime>`, then the URL's own date path.
 */
import { alternation, wordList } from '../../lexicon/load.ts';
/** The lexicon file of page markup names (tags, class words, meta names, charset labels). */
const MARKUP = 'page-markup';
/** The lexicon file of site furniture phrases. */
const DEBRIS = 'page-debris';

export interface PageMeta {
  title?: string;
  authors?: string[];
  /** Publication day, `YYYY-MM-DD`. */
  published?: string;
  /** Full ISO 8601 timestamp when the page gives one. */
  publishedTime?: string;
  publisher?: string;
  /** Canonical URL (absolute when it can be resolved). */
  url?: string;
  language?: string;
  description?: string;
}

/** schema.org types that describe an article (JSON-LD `@type`). */
const ARTICLE_TYPES = new RegExp(String.raw`^(${alternation(MARKUP, 'articleTypes', true)})$`);
/** Meta tags naming the publication time, most trusted first. */
const DATE_META = wordList(MARKUP, 'dateMeta');
/** Meta tags naming authors. */
const AUTHOR_META = wordList(MARKUP, 'authorMeta');
/** Dates in URL paths: /2025/07/20/, /2025-07-20/, /20250720/. */
const URL_DATE = [
  /\/(20\d\d|19\d\d)\/(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])(?:\/|$)/,
  /[/_-](20\d\d|19\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/,
  /\/(20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\//,
];
/** "By " prefixes and noise in author strings. */
const BYLINE_PREFIX = new RegExp(String.raw`^\s*(${alternation(DEBRIS, 'bylineStarts', true)})\s+`, 'i');
/** Separators between site name and headline in `<title>`. */
const TITLE_SEPARATOR = /\s+[|–—•·:»-]\s+/;

type Json = unknown;

/** A value as a list: none, one or many. */
function asArray<T>(x: T | T[] | undefined | null): T[] {
  return x == null ? [] : Array.isArray(x) ? x : [x];
}

/** Parse the JSON-LD blocks of a page (raw script bodies), flattening `@graph`. */
export function parseJsonLd(scripts: string[]): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const visit = (x: Json) => {
    for (const item of asArray(x)) {
      if (!item || typeof item !== 'object') continue;
      const o = item as Record<string, Json>;
      out.push(o);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  for (const s of scripts) {
    try {
      visit(JSON.parse(s.trim().replace(/^<!--|-->$/g, '')));
    } catch {
      // Broken JSON-LD is common; ignore it.
    }
  }
  return out;
}

/** The JSON-LD `@type`s of an object. */
function typeOf(o: Record<string, Json>): string[] {
  return asArray(o['@type'] as string | string[]).filter((t): t is string => typeof t === 'string');
}

/** A JSON-LD value as trimmed text (a string, an object's `name` or `@value`, a list's first). */
function text(x: Json): string | undefined {
  if (typeof x === 'string') return x.trim() || undefined;
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    const o = x as Record<string, Json>;
    return text(o['name'] ?? o['@value']);
  }
  if (Array.isArray(x)) return text(x[0]);
  return undefined;
}

/** Normalise a date string to `{ day: YYYY-MM-DD, time?: ISO }`; undefined when unparseable. */
export function normaliseDate(raw: string | undefined | null): { day: string; time?: string } | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  // Keep the day as the page wrote it (its own time zone), not shifted to UTC.
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/.exec(s);
  if (iso) {
    const day = `${iso[1]}-${iso[2]}-${iso[3]}`;
    if (!validDay(day)) return undefined;
    if (!iso[4]) return { day };
    const tz = iso[7] ? (iso[7] === 'Z' ? 'Z' : iso[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '';
    return { day, time: `${day}T${iso[4]}:${iso[5]}:${iso[6] ?? '00'}${tz}` };
  }
  if (/^\d{8}$/.test(s)) {
    const day = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
    return validDay(day) ? { day } : undefined;
  }
  // Unix epoch seconds / milliseconds.
  if (/^\d{10}(\d{3})?$/.test(s)) {
    const d = new Date(Number(s) * (s.length === 10 ? 1000 : 1));
    return { day: d.toISOString().slice(0, 10), time: d.toISOString() };
  }
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const d = new Date(t);
  // Date.parse reads zone-less dates as local time; a date-only string means that calendar day.
  const hasTime = /\d:\d\d/.test(s);
  // With an explicit offset the day is the one in that zone ("Fri, 14 Mar 2025 22:00 -0500" is the 14th).
  const off = /(?:^|\s)([+-])(\d{2}):?(\d{2})$/.exec(s);
  const utc = /\b(Z|GMT|UTC|UT)$/i.test(s);
  let day: string;
  if (hasTime && off) {
    const mins = (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3]));
    day = new Date(t + mins * 60000).toISOString().slice(0, 10);
  } else if (hasTime && utc) day = d.toISOString().slice(0, 10);
  else day = localDay(d);
  return { day, time: hasTime ? d.toISOString() : undefined };
}

/** A date's day in local time, `YYYY-MM-DD`. */
function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Whether a `YYYY-MM-DD` day exists and is not before 1990. */
function validDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day && d.getUTCFullYear() >= 1990;
}

/** The publication day written in a URL path, if any. */
export function dateFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let p = url;
  try {
    p = new URL(url).pathname;
  } catch {
    /* keep raw */
  }
  for (const re of URL_DATE) {
    const m = re.exec(p);
    if (m) {
      const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
      if (validDay(day)) return day;
    }
  }
  return undefined;
}

/** An author string without "By"; undefined for a URL, a handle or text too long to be a name. */
function cleanAuthor(a: string): string | undefined {
  const s = a.replace(BYLINE_PREFIX, '').replace(/\s+/g, ' ').trim();
  if (!s || /^https?:\/\//i.test(s) || s.length > 80 || /^@/.test(s)) return undefined;
  return s;
}

/** Several authors in one string ("A, B and C") as a list. */
function splitAuthors(s: string): string[] {
  return s
    .replace(BYLINE_PREFIX, '')
    .split(/\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b)\s*/i)
    .map((x) => cleanAuthor(x))
    .filter((x): x is string => !!x && /\p{L}/u.test(x));
}

/** A URL made absolute against the page's URL (as it is when it cannot be). */
function absolutise(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return /^https?:\/\//i.test(href) ? href : undefined;
  }
}

/** Read the metadata of a parsed page. `jsonLd` are the raw bodies of its ld+json scripts. */
export function readMeta(document: Document, jsonLd: string[], pageUrl?: string): PageMeta {
  const metas = new Map<string, string>();
  for (const m of Array.from(document.getElementsByTagName('meta'))) {
    const key = (
      m.getAttribute('property') ??
      m.getAttribute('name') ??
      m.getAttribute('itemprop') ??
      m.getAttribute('http-equiv') ??
      ''
    )
      .toLowerCase()
      .trim();
    const value = m.getAttribute('content');
    if (key && value && !metas.has(key)) metas.set(key, value.trim());
  }
  const meta = (...keys: string[]) => {
    for (const k of keys) {
      const v = metas.get(k);
      if (v) return v;
    }
    return undefined;
  };

  const ld = parseJsonLd(jsonLd);
  const article =
    ld.find((o) => typeOf(o).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage')) ??
    ld.find((o) => typeOf(o).includes('WebPage'));
  const org = ld.find((o) => typeOf(o).some((t) => /Organization$/.test(t)));

  const out: PageMeta = {};

  // Title
  const docTitle = document.querySelector('title')?.textContent?.trim();
  const h1 = document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
  let title = text(article?.['headline']) ?? meta('og:title', 'twitter:title', 'dc.title', 'headline');
  if (!title && docTitle) {
    const parts = docTitle.split(TITLE_SEPARATOR);
    title = parts.length > 1 ? parts.reduce((a, b) => (b.length > a.length ? b : a)) : docTitle;
  }
  title = title ?? h1;
  if (title) out.title = decodeEntities(title.replace(/\s+/g, ' ').trim());

  // Authors
  const authors: string[] = [];
  for (const a of asArray(article?.['author'] as Json)) {
    const name = text(a);
    if (name) authors.push(...splitAuthors(name));
  }
  if (!authors.length) {
    for (const k of AUTHOR_META) {
      const v = metas.get(k);
      if (v) {
        authors.push(...splitAuthors(v));
        if (authors.length) break;
      }
    }
  }
  if (!authors.length) {
    const el = document.querySelector(
      '[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"], .byline__name, .author-name',
    );
    const name = el?.textContent?.replace(/\s+/g, ' ').trim();
    if (name) authors.push(...splitAuthors(name));
  }
  const uniq = [...new Set(authors)].slice(0, 10);
  if (uniq.length) out.authors = uniq;

  // Published
  const timeEl = document.querySelector('time[pubdate], [itemprop="datePublished"], time[datetime]');
  const dateCandidates = [
    text(article?.['datePublished']),
    meta(...DATE_META),
    timeEl?.getAttribute('datetime') ?? timeEl?.getAttribute('content') ?? undefined,
    text(article?.['dateCreated']),
  ];
  for (const c of dateCandidates) {
    const d = normaliseDate(c);
    if (d) {
      out.published = d.day;
      if (d.time) out.publishedTime = d.time;
      break;
    }
  }
  const canonical =
    absolutise(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url'), pageUrl) ??
    pageUrl;
  if (!out.published) out.published = dateFromUrl(canonical) ?? dateFromUrl(pageUrl);

  // Publisher
  const publisher =
    meta('og:site_name') ??
    text(article?.['publisher']) ??
    text(org?.['name']) ??
    meta('application-name', 'publisher', 'dc.publisher');
  if (publisher) out.publisher = decodeEntities(publisher);
  if (canonical) out.url = canonical;

  // Language
  const lang =
    document.documentElement?.getAttribute('lang') ??
    meta('content-language', 'language', 'dc.language') ??
    text(article?.['inLanguage']) ??
    meta('og:locale');
  if (lang) {
    const l = lang.trim().replace('_', '-').split(/[\s,]/)[0]!;
    if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(l)) out.language = l.split('-')[0]!.toLowerCase();
  }

  const description = meta('og:description', 'description', 'twitter:description') ?? text(article?.['description']);
  if (description) out.description = decodeEntities(description.replace(/\s+/g, ' ').trim());
  return out;
}

/** Meta values sometimes carry double-escaped entities (`&amp;#8217;`); undo the common ones. */
function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}
