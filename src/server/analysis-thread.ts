/**
 * The body of one analysis thread of the server's pool (`pool.ts`): it loads the pipeline once and
 * answers each job with the analysis, or with an error and its HTTP status.
 */
import { parentPort } from 'node:worker_threads';
import { Pipeline } from '../pipeline.ts';
import { HttpError } from './http.ts';
import { jobToRaw, type AnalysisJob } from './article.ts';

/** What a thread answers: the id of the job, then the analysis or the error. */
export type ThreadReply =
  | { id: number; ok: true; analysis: unknown; rawId: string }
  | { id: number; ok: false; status: number; message: string };

const pipeline = new Pipeline();
// Models and gazetteers load on first use: load them now, so that no job's time limit pays for it.
pipeline.analyze({ id: 'warm-up', source: {}, text: 'Anna Berg said in Oslo on Monday that talks would go on.' });

parentPort!.on('message', (msg: { id: number; job: AnalysisJob }) => {
  let reply: ThreadReply;
  try {
    const raw = jobToRaw(msg.job);
    reply = { id: msg.id, ok: true, analysis: pipeline.analyze(raw), rawId: raw.id };
  } catch (err) {
    const status = err instanceof HttpError ? err.status : 422;
    const message = err instanceof RangeError ? 'the article is too deeply nested to analyse' : (err as Error).message;
    reply = { id: msg.id, ok: false, status, message };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
