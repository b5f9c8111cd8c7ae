/** Where `sitrep serve` listens unless told otherwise (kept apart so `sitrep --help` loads no server code). */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8484;
