/** A chunk of the build, as Rollup describes it: what it holds and what it imports. */
export interface BuiltChunk {
  fileName: string;
  imports: string[];
  moduleIds: string[];
}
export function buildScriptTag(outDir?: string, options?: { logLevel?: string }): Promise<{ dir: string; chunks: BuiltChunk[] }>;
