import { expect } from 'chai';
import { startDesk, type DeskSession } from '../support/browser';
import { TEST_PASSWORD } from '../support/api';

describe('desk: login', function () {
  this.timeout(120_000);
  let desk: DeskSession;
  before(async () => {
    desk = await startDesk();
  });
  after(async () => {
    await desk?.close();
  });

  it('sends a visitor to the login page and back to where they were going after logging in', async () => {
    const page = await desk.newPage();
    await page.goto('/app/customer');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Email or user name').fill('Administrator');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL((url) => url.pathname === '/app/customer');
    await desk.screenshot(page, 'login-redirect');
  });

  it('shows the server message for a wrong password and stays on the login page', async () => {
    const page = await desk.newPage();
    await page.goto('/login');
    await page.getByLabel('Email or user name').fill('Administrator');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Login' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).to.match(/password|incorrect|invalid/i);
    expect(new URL(page.url()).pathname).to.equal('/login');
  });
});
