/**
 * A synthetic corpus made from the team's example articles: each article stitches paragraphs of
 * several examples together and swaps names, places and weekdays from small pools, so a benchmark
 * sees varied text of realistic length. Deterministic (seeded), so runs are comparable.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './lib.ts';

export interface SynthArticle {
  id: string;
  text: string;
  published: string;
  publisher: string;
}

const FIRST = ['Amira', 'Jonas', 'Leila', 'Tomasz', 'Grace', 'Omar', 'Ines', 'Kwame', 'Sofia', 'Rafael', 'Mei', 'Elif'];
const LAST = ['Haddad', 'Lindqvist', 'Okafor', 'Novak', 'Mbeki', 'Castellanos', 'Petrov', 'Nakamura', 'Duarte', 'Yilmaz', 'Fraser', 'Adeyemi'];
const PLACES = ['Mosul', 'Kharkiv', 'Goma', 'Aleppo', 'Tripoli', 'Marseille', 'Mandalay', 'Bamako', 'Odesa', 'Khartoum', 'Valencia', 'Kandahar'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function synthCorpus(count: number, targetWords = 600, seed = 7): SynthArticle[] {
  const manifest: Array<{ file: string }> = JSON.parse(readFileSync(resolve(REPO_ROOT, 'examples/articles.json'), 'utf8'));
  const paragraphs = manifest.flatMap((m) =>
    readFileSync(resolve(REPO_ROOT, 'examples', m.file), 'utf8')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.split(/\s+/).length > 8),
  );
  const rand = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const out: SynthArticle[] = [];
  for (let i = 0; i < count; i++) {
    const swaps: Array<[RegExp, string]> = [
      [/\b(Sandvik|Oberholzer|Raman|Moorcroft|Ellingsen)\b/g, pick(LAST)],
      [/\b(Ingrid|Margrit|Priya|Janet|Tove)\b/g, pick(FIRST)],
      [/\b(Oslo|Geneva|Kadugli|Cockermouth|Lyon)\b/g, pick(PLACES)],
      [/\b(Monday|Tuesday|Wednesday|Thursday|Friday)\b/g, pick(DAYS)],
    ];
    const parts: string[] = [];
    let words = 0;
    while (words < targetWords) {
      let p = pick(paragraphs);
      for (const [re, by] of swaps) p = p.replace(re, by);
      parts.push(p);
      words += p.split(/\s+/).length;
    }
    const day = 1 + Math.floor(rand() * 28);
    out.push({
      id: `synth-${i}`,
      text: parts.join('\n\n'),
      published: `2026-0${1 + Math.floor(rand() * 9)}-${String(day).padStart(2, '0')}`,
      publisher: 'Synthetic Wire',
    });
  }
  return out;
}
