/** Three-way merge of one text file: the user's version, the generated base, and the new templates' version. */
import { mergeDiff3 } from 'node-diff3';

export interface MergeOutcome {
  text: string;
  conflict: boolean;
}

export function mergeFile(ours: string, base: string, theirs: string, newVersion: string): MergeOutcome {
  const result = mergeDiff3(ours.split('\n'), base.split('\n'), theirs.split('\n'), {
    // Standard diff3-style markers, which editors and `git mergetool` recognise.
    label: { a: 'yours', o: 'generated base', b: `arch-init ${newVersion}` },
  });
  return { text: result.result.join('\n'), conflict: result.conflict };
}
