/**
 * The HTTP surface. For now: health (`frappe.ping`) and Frappe-shaped errors for unknown routes; the
 * REST API, auth and permissions arrive with the API work.
 */
import express, { type Express } from 'express';
import type { Site } from '../site';

export function createServer(site: Site): Express {
  const app = express();
  app.disable('x-powered-by');
  for (const prefix of ['/api', '/api/v1']) {
    app.get(`${prefix}/method/frappe.ping`, (_req, res) => {
      res.json({ message: 'pong' });
    });
  }
  app.get('/', (_req, res) => {
    res.type('text/plain').send(`Tabula: ${site.registry.size} DocTypes loaded. The REST API and the desk are not built yet.\n`);
  });
  app.use((req, res) => {
    res.status(404).json({ exc_type: 'DoesNotExistError', message: `Not found: ${req.method} ${req.path}`, errors: [] });
  });
  return app;
}
