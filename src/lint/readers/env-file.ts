/** `.env` files: KEY=value lines, with optional quotes and `export`. */
export function readEnvFile(text: string): Array<{ key: string; value: string; line: number }> {
  return text.split('\n').flatMap((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m?.[1]) return [];
    return [{ key: m[1], value: (m[2] ?? '').replace(/^(['"])(.*)\1$/, '$2'), line: i + 1 }];
  });
}

export function isEnvFile(name: string): boolean {
  return name === '.env' || (name.startsWith('.env.') && !/example|sample|template/.test(name));
}
