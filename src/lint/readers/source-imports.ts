/** Import statements of Go, Java/Kotlin and Python read as text: what a file names, with its line. */
export interface RawImport {
  specifier: string;
  line: number;
}

export function goImports(text: string): RawImport[] {
  const out: RawImport[] = [];
  const lines = text.split('\n');
  let inBlock = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (inBlock) {
      if (line.startsWith(')')) inBlock = false;
      const m = /^(?:[\w.]+\s+)?"([^"]+)"/.exec(line);
      if (m?.[1]) out.push({ specifier: m[1], line: i + 1 });
      return;
    }
    if (/^import\s*\($/.test(line)) inBlock = true;
    const single = /^import\s+(?:[\w.]+\s+)?"([^"]+)"/.exec(line);
    if (single?.[1]) out.push({ specifier: single[1], line: i + 1 });
  });
  return out;
}

export function javaImports(text: string): RawImport[] {
  return text.split('\n').flatMap((raw, i) => {
    const m = /^\s*import\s+(?:static\s+)?([\w.]+)(?:\.\*)?\s*;?\s*$/.exec(raw);
    return m?.[1] ? [{ specifier: m[1], line: i + 1 }] : [];
  });
}

export function javaPackage(text: string): string | undefined {
  return /^\s*package\s+([\w.]+)\s*;?/m.exec(text)?.[1];
}

export function pythonImports(text: string): RawImport[] {
  return text.split('\n').flatMap((raw, i) => {
    const m = /^\s*(?:from\s+([\w.]+)\s+import\b|import\s+([\w.]+))/.exec(raw);
    const spec = m?.[1] ?? m?.[2];
    return spec && !spec.startsWith('.') ? [{ specifier: spec, line: i + 1 }] : [];
  });
}
