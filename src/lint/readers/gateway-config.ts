import type { Gateway } from '../model.js';

/**
 * Gateway configuration files recognised by their content, so a gateway is
 * found wherever the repository keeps its config.
 */
export function gatewayConfigIn(file: string, text: string): Gateway | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const at = (pattern: RegExp, kind: Gateway['kind']): Gateway | undefined => {
    const m = pattern.exec(text);
    if (!m) return undefined;
    const line = text.slice(0, m.index).split('\n').length;
    return { name: file, kind, declaredAt: { file, line, detail: `${kind} configuration` } };
  };
  if (/\.conf(\.template)?$/.test(name) || name === 'nginx.conf') return at(/\bproxy_pass\s+/, 'nginx');
  if (/\.(ya?ml)$/.test(name)) {
    return at(/^_format_version\s*:/m, 'kong') ?? at(/envoy\.filters\.network\.http_connection_manager|\bhttp_connection_manager\b/, 'envoy') ?? at(/^entryPoints\s*:/m, 'traefik');
  }
  if (name.endsWith('.toml')) return at(/^\[entryPoints/m, 'traefik');
  if (name === 'ocelot.json') return at(/"Routes"\s*:|"ReRoutes"\s*:/, 'code');
  return undefined;
}
