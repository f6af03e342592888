// Types of scripts/build.mjs, for the release script.
export declare const CLIENT_NODE_ASSET: string;
export declare function buildCli(): Promise<void>;
export declare function buildStandalone(outDir?: string): Promise<{ main: string; clientNode: string }>;
