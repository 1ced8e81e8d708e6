// Uraia's service worker: shows Web Push notifications about a person's applications and
// opens the application when one is tapped. (Caching for offline use comes with the
// installable-app work; this worker caches nothing.)
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The server sends {"title", "body", "url"} (app/src/notify/status.rs, push_payload).
self.addEventListener('push', (event) => {
  let message = { title: 'Uraia', body: '', url: '/applications' };
  try {
    if (event.data) message = { ...message, ...event.data.json() };
  } catch (_) {
    // Not JSON: show the plain text.
    message.body = event.data ? event.data.text() : '';
  }
  event.waitUntil(self.registration.showNotification(message.title, {
    body: message.body,
    icon: '/favicon.svg',
    data: { url: message.url },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? '/applications', self.location.origin);
  // Only this site's pages are opened.
  if (url.origin !== self.location.origin) return;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const client of windows) {
      if (client.url === url.href && 'focus' in client) return client.focus();
    }
    return self.clients.openWindow(url.href);
  })());
});
