/** What the ingestion step hands to the cleaner: one article, as text or HTML, with its provenance. */
import type { BlockKind, Source } from '../model/analysis.ts';

export interface RawArticle {
  /** Record id, file path or URL: how the user names this input. */
  id: string;
  source: Source;
  /** Plain text: paragraphs separated by blank lines (or single line breaks). */
  text?: string;
  /** An HTML page; extraction turns it into text blocks before cleaning. */
  html?: string;
}

/** A block of text before cleaning, as ingestion found it. */
export interface TextBlock {
  kind: BlockKind;
  text: string;
}
