/** The record of the last build, relative to the package root. */
export declare const BUILD_INFO: string;
/** 'installed' (a package, no src/), 'current', 'stale' (src/ changed since the build) or 'missing'. */
export declare function buildState(root: string): 'installed' | 'current' | 'stale' | 'missing';
