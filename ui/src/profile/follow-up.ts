/**
 * Opens the "Assign follow-up" dialog for some customers from anywhere (a report's selection action,
 * the profile page): it is mounted on its own under <body>, so no page has to host it, and removed
 * when it closes. Resolves with the result as soon as the follow-ups are assigned, or null when it was cancelled.
 */
import { createApp } from 'vue';
import type { FollowUpResult } from './api';
import FollowUpDialog from './FollowUpDialog.vue';

export function openFollowUpDialog(customers: string[]): Promise<FollowUpResult | null> {
  return new Promise((resolve) => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const app = createApp(FollowUpDialog, {
      customers,
      onResult: (result: FollowUpResult) => resolve(result),
      onClose() {
        app.unmount();
        host.remove();
        resolve(null); // no effect once the result resolved it
      },
    });
    app.mount(host);
  });
}
