import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/inbox/mine' },
  { path: '/index.html', redirect: '/inbox/mine' },
  {
    path: '/inbox/:view?/:conversationId?',
    name: 'inbox',
    component: () => import('./inbox/InboxPage.vue'),
  },
  { path: '/reports/:tab?', name: 'reports', component: () => import('./reports/ReportsPage.vue') },
  { path: '/admin/:section?', name: 'admin', component: () => import('./admin/AdminPage.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/inbox/mine' },
];

export const router = createRouter({ history: createWebHistory(), routes });
