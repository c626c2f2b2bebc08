import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';

/** Debian's Chromium: the only browser the tests drive (no browser downloads). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const repoRoot = path.resolve(__dirname, '../../..');
export const SCREENSHOT_DIR = path.join(repoRoot, 'tmp', 'screenshots');

/**
 * Installs Debian's `chromium` package when it is missing (CI machines start without it). Needs
 * root or sudo; otherwise says exactly what to run.
 */
export function ensureChromium(): string {
  if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? ['apt-get'] : ['sudo', '-n', 'apt-get'];
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync(command[0], [...command.slice(1), 'update', '-qq'], { stdio: 'inherit', env });
    execFileSync(command[0], [...command.slice(1), 'install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  } catch (error) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} and could not be installed (${String(error)}). Run: sudo apt-get install -y chromium`);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing`);
  return CHROMIUM_PATH;
}

export async function launchBrowser(): Promise<Browser> {
  // Loaded here, not at the top: every integration suite imports this library, few drive a browser.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/**
 * Collects what a page reports as broken: console errors, uncaught exceptions and failed
 * requests. A test asserts the list is empty after its steps.
 */
export function watchPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
  return problems;
}

/** Saves a full-page screenshot under tmp/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
