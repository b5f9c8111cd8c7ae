// Entry of an analysis thread: worker threads do not inherit the main thread's TypeScript loader,
// so each registers tsx before it loads the TypeScript body (analysis-thread.ts).
import { register } from 'tsx/esm/api';
register();
await import('./analysis-thread.ts');
