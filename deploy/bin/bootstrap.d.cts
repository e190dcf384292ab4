// Types for the plain-Node bootstrap, so deploy's specs can import it.
export declare const MIN_NODE_VERSION: string;
export declare const TEMPORAL_CLI_VERSION: string;
export declare function checkNodeVersion(version: string): string | null;
export declare function parseTemporalVersion(output: string): string | null;
export declare function installedTemporalVersion(binary: string): string | null;
export declare function dependenciesStaleReason(root: string): string | null;
export declare function isLockfileOutOfSync(npmErrorOutput: string): boolean;
