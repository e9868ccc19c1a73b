import { describe, expect, it } from 'vitest';
import { fileSignals } from '../../../src/lint/discover/signals.js';
import { RepoFiles } from '../../../src/lint/discover/files.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SOURCES: Record<string, string> = {
  'a.ts': "router.post('/orders', h);\nfastify.get(`/orders/:id`, h);",
  'b.go': 'mux.HandleFunc("GET /items/{id}", h)\ne.POST("/items", h)',
  'C.java': '@GetMapping("/vets")\n@RequestMapping(value = "/owners")',
  'd.py': '@app.post("/charge")\n@bp.route("/refund")',
  'E.cs': 'app.MapDelete("/carts/{id}", h);',
};

describe('route reading', () => {
  it('reads method and path in each framework family', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'arch-lint-routes-'));
    try {
      for (const [name, text] of Object.entries(SOURCES)) await writeFile(path.join(dir, name), text);
      const files = new RepoFiles(dir, Object.keys(SOURCES).map((p) => ({ path: p, size: 100 })));
      const signals = await fileSignals(Object.keys(SOURCES), [], [], files, { services: new Set(), datastoreHosts: new Map(), brokerHosts: new Map() }, 'x');
      expect([...signals.routes].sort()).toEqual([
        'ANY /owners', 'ANY /refund', 'DELETE /carts/{id}', 'GET /items/{id}', 'GET /orders/:id', 'GET /vets', 'POST /charge', 'POST /items', 'POST /orders',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
