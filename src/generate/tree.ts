/**
 * The in-memory file tree a generation produces. Nothing touches the disk
 * until the whole tree has been rendered and checked.
 */
export type FileTree = Map<string, string | Uint8Array>;

export function sortedPaths(tree: FileTree): string[] {
  return [...tree.keys()].sort();
}

export function byteLength(content: string | Uint8Array): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
}
