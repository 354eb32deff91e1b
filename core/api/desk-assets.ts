/**
 * The desk (ui/, built by Vite into ui/dist) is served by the same server as the API: its assets as
 * static files, and index.html for every other page so the browser's router can take the path.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { PROJECT_ROOT } from '../config';

export const DESK_DIST = join(PROJECT_ROOT, 'ui', 'dist');

export function deskRoutes(dist: string = DESK_DIST): Router {
  const router = Router();
  const index = join(dist, 'index.html');
  // Hashed asset names change with every build, so they may be cached for good; index.html never.
  router.use('/assets', express.static(join(dist, 'assets'), { immutable: true, maxAge: '1y' }));
  router.use(express.static(dist, { index: false }));
  router.get(/^\/(?:app(?:\/.*)?|login)?$/, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The desk is not built: run `npm run build:ui` (npm start builds it).\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
