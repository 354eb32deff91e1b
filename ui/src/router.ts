/** The desk's pages; every page but login needs a session, and an unknown DocType slug is a 404 page. */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { loadSession, session } from './session';

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/app' },
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { guest: true } },
  { path: '/app', name: 'home', component: () => import('./views/HomeView.vue') },
  { path: '/app/query-report/:report', name: 'report', component: () => import('./views/ReportView.vue'), props: true },
  { path: '/app/customer-profile/:name', name: 'customer-profile', component: () => import('./views/CustomerProfileView.vue'), props: true },
  { path: '/app/:doctype', name: 'list', component: () => import('./views/ListView.vue'), props: true },
  { path: '/app/:doctype/:name', name: 'form', component: () => import('./views/FormView.vue'), props: true },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (!session.loaded) await loadSession();
  if (to.meta.guest) return session.boot ? { path: '/app' } : true;
  if (!session.boot) return { name: 'login', query: { redirect: to.fullPath } };
  return true;
});
