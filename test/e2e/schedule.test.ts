import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocket, type Socket } from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { encodeArtTimeCode } from '../../native/artnet/codec.ts';
import { desktop, launchChromium, requireBuiltApp, signIn } from '../helpers/browser.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'e2e-schedule-token-4242';

requireBuiltApp();

/**
 * The running order as a stage manager uses it, in Chromium against the shipped bundle.
 *
 * Time is the one thing a test cannot wait for, so the console runs on Art-Net timecode (a feature of
 * its own) that this test sends: the venue clock reads 14:00, the CSV's first set is at 14:05, and
 * "twenty minutes later" is a jump of the timecode — the console cannot tell it from a real afternoon.
 */

const MIN = 60_000;
/** The timecode (time of day, venue zone UTC) this test sends: `base` ms after midnight when `since` was the wall clock. */
let tc = { base: 14 * 3600_000, since: Date.now() };
const tcNow = () => tc.base + (Date.now() - tc.since);
const jumpTo = (msOfDay: number) => {
  tc = { base: msOfDay, since: Date.now() };
};

/** The date whose 14:00 UTC is nearest now: where the console puts a timecode of 14:00 (and so the show day). */
function showDate(): string {
  const now = Date.now();
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate(), 14);
  const best = [today - 86_400_000, today, today + 86_400_000].reduce((a, b) => (Math.abs(b - now) < Math.abs(a - now) ? b : a));
  return new Date(best).toISOString().slice(0, 10);
}

/** `date` (YYYY-MM-DD) moved by `days`. */
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const runningOrder = (day: string) =>
  [
    'day,type,title,start,duration,changeover,notes',
    `${day},milestone,Doors,13:30,,,`,
    `${day},set,Set One,14:05,40,15,Opening`,
    `${day},set,Set Two,15:00,45,15,"Walk-in look, then the show scene"`,
    `${day},set,Set Three,16:00,60,15,`,
    `${day},set,Set Four,17:15,60,0,`,
    // Set Four ends 18:15 on paper: exactly the 30-minute warning margin before curfew, so any slip shows.
    `${day},curfew,Curfew,18:45,,,`,
  ].join('\r\n') + '\r\n';

describe('the running order in Chromium: import, start late, slip and curfew, a cue that fires a scene, a viewer following live', () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;
  let sender: Socket;
  let timer: NodeJS.Timeout;
  /** One ArtTimeCode frame of `tcNow()` to the console (every 40 ms while `timer` runs). */
  let send: () => void;
  let artnetPort: number;
  const date = showDate();

  const api = async <T = unknown>(method: string, params?: unknown): Promise<T> => {
    const res = await fetch(`${serve.url}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(params ?? {}) });
    const body = (await res.json()) as T & { error?: { message: string } };
    if (!res.ok) throw new Error(`${method}: ${body.error?.message}`);
    return body;
  };

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    const dir = tempDir();
    artnetPort = 20000 + Math.floor(Math.random() * 20000);
    const config = join(dir, 'settings.json');
    // An Art-Net input makes the engine listen on the port; timecode arriving there is the running order's clock.
    writeFileSync(
      config,
      JSON.stringify({
        schedule: { zone: 'UTC', timeSource: 'artnet-timecode', timecodeLossMs: 3000, warnMarginMin: 30, dangerMarginMin: 0 },
        dmx: { artnet: { port: artnetPort }, inputs: [{ protocol: 'artnet', portAddress: 99, universe: 2, merge: false, lossTimeoutMs: 3000 }] },
      }),
    );
    serve = await startServe(['--port', '0', '--token', token, '--data-dir', join(dir, 'data'), '--config', config], { entry: 'bundle' });
    sender = createSocket('udp4');
    send = () => {
      const t = tcNow();
      const s = Math.floor(t / 1000);
      const packet = encodeArtTimeCode({ hours: Math.floor(s / 3600) % 24, minutes: Math.floor(s / 60) % 60, seconds: s % 60, frames: Math.floor(((t % 1000) * 25) / 1000), type: 1 });
      sender.send(packet, artnetPort, '127.0.0.1');
    };
    timer = setInterval(send, 40);
    browser = await launchChromium();
    // The console follows the timecode once the engine has reported a frame.
    await waitFor(async () => !(await api<{ clock: { lost: boolean } }>('schedule.state')).clock.lost || undefined, 20_000, 200);
  }, 60_000);

  afterAll(async () => {
    clearInterval(timer);
    sender?.close();
    await browser?.close();
    await serve?.stop();
  });

  const row = (page: Page, title: string) => page.locator(`[data-testid="ro-row"][data-title="${title}"]`);
  const expected = async (page: Page, title: string) => (await row(page, title).getByTestId('ro-expected').textContent())?.trim();
  const curfew = (page: Page) => page.getByTestId('curfew');
  /** The screen as the operator sees it with Settings → Schedule at the top, just under the sticky header. */
  const shootSection = async (page: Page, name: string) => {
    await page.locator('#settings-schedule').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      let scroller = el.parentElement;
      while (scroller && scroller !== document.body && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
      if (scroller && scroller !== document.body) {
        // The page scrolls inside the shell: the window itself stays put under the header.
        window.scrollTo(0, 0);
        scroller.scrollBy(0, -8);
      } else window.scrollBy(0, -(document.querySelector('header')?.getBoundingClientRect().height ?? 0) - 8);
    });
    await page.screenshot({ path: `test-results/${name}.png` });
  };

  it('walks the whole afternoon', async () => {
    // The stage manager's laptop, and a tablet in view mode.
    const desk = await signIn(await browser.newContext(desktop), serve.url, token);
    const access = await api<{ viewerToken: string }>('system.access');
    const tablet = await signIn(await browser.newContext({ viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true }), serve.url, access.viewerToken);
    await tablet.goto(`${serve.url}/#/schedule`);
    await tablet.getByTestId('schedule-page').waitFor();
    await tablet.getByTestId('view-only').waitFor(); // the session's access is known: the mode below is final
    expect(await tablet.getByTestId('schedule-page').getAttribute('data-mode')).toBe('view');

    // The lighting tech's look for Set Two.
    const scene = await api<{ id: string }>('scenes.create', { name: 'Set Two look', fadeMs: 0, values: { '1': { '1': 255, '2': 128 } } });

    // 1. Import the CSV from the Import tab.
    await desk.goto(`${serve.url}/#/schedule/import`);
    await desk.getByTestId('csv-input').setInputFiles({ name: 'afternoon.csv', mimeType: 'text/csv', buffer: Buffer.from(runningOrder(date)) });
    await desk.getByTestId('import-ok').waitFor({ timeout: 10_000 });
    expect(await desk.getByTestId('import-ok').textContent()).toMatch(/6 entries/);

    // 2. A cue on Set Two's start: its scene, chosen from the DMX library in the cue editor.
    await desk.getByTestId('schedule-tab-edit').click();
    const setTwo = desk.locator('[data-testid="editor-row"][data-title="Set Two"]');
    await setTwo.getByTestId('editor-cues').click();
    const cues = setTwo.getByTestId('cue-editor');
    await cues.getByTestId('cue-trigger').selectOption('onStart');
    await cues.getByTestId('cue-action').selectOption('scene.go');
    await cues.getByTestId('cue-scene').selectOption({ label: 'Set Two look' });
    await cues.getByTestId('cue-add').click();
    await cues.getByTestId('cue-item').first().waitFor();
    expect(await cues.getByTestId('cue-item').first().textContent()).toMatch(/On start: scene “Set Two look” GO/);

    // 3. At 14:00 everything is on time: the expected starts are the planned ones and the curfew is fine.
    await desk.getByTestId('schedule-tab-run').click();
    for (const page of [desk, tablet]) {
      await row(page, 'Set Four').waitFor();
      expect(await page.getByTestId('schedule-clock').getAttribute('data-source')).toBe('artnet-timecode');
      expect(await page.getByTestId('schedule-clock').getAttribute('data-lost')).toBe('false');
      expect([await expected(page, 'Set One'), await expected(page, 'Set Two'), await expected(page, 'Set Three'), await expected(page, 'Set Four')]).toEqual(['14:05', '15:00', '16:00', '17:15']);
      expect(await curfew(page).getAttribute('data-state')).toBe('ok');
    }
    await desk.screenshot({ path: 'test-results/schedule-desk-before.png' });

    // 4. Twenty minutes later (14:25 on the timecode) Set One finally starts: "Start now".
    jumpTo(14 * 3600_000 + 25 * MIN);
    await desk.locator('[data-testid="schedule-clock-time"]', { hasText: /^14:2[5-6]/ }).waitFor({ timeout: 10_000 });
    await desk.getByTestId('op-start').click();
    await desk.locator('[data-testid="ro-row"][data-title="Set One"][data-state="running"]').waitFor({ timeout: 10_000 });

    // Every later set shifts by the 20 minutes (back to back, nothing absorbs it), and the curfew warns.
    const shifted = ['15:20', '16:20', '17:35'];
    for (const page of [desk, tablet]) {
      await page.locator('[data-testid="curfew"][data-state="warning"]').waitFor({ timeout: 10_000 });
      await waitFor(async () => (await expected(page, 'Set Two')) === '15:20' || undefined, 10_000);
      expect([await expected(page, 'Set Two'), await expected(page, 'Set Three'), await expected(page, 'Set Four')]).toEqual(shifted);
      expect(await row(page, 'Set Two').getByTestId('ro-slip').textContent()).toBe('+20 min');
      expect(await curfew(page).textContent()).toMatch(/Curfew warning.*projected end 18:35 · 10 min to spare/);
      expect(await page.getByTestId('now-playing').textContent()).toMatch(/Set One/);
    }
    // The tablet is read-only: no operator buttons at all.
    expect(await tablet.getByTestId('op-start').count()).toBe(0);
    expect(await tablet.getByTestId('ro-start').count()).toBe(0);
    await tablet.screenshot({ path: 'test-results/schedule-tablet-late.png', fullPage: true });

    // 5. 14:50: "Next" ends Set One and starts Set Two — its cue GOes the scene (on the DMX output) and is on the timeline.
    jumpTo(14 * 3600_000 + 50 * MIN);
    await desk.locator('[data-testid="schedule-clock-time"]', { hasText: /^14:5[0-1]/ }).waitFor({ timeout: 10_000 });
    const before = await api<{ channels: number[] }>('dmx.universe', { universe: 1 });
    expect(before.channels.slice(0, 2)).toEqual([0, 0]);
    await desk.getByTestId('op-next').click();
    await desk.locator('[data-testid="ro-row"][data-title="Set Two"][data-state="running"]').waitFor({ timeout: 10_000 });
    const output = await waitFor(async () => {
      const u = await api<{ channels: number[] }>('dmx.universe', { universe: 1 });
      return u.channels[0] === 255 ? u.channels : undefined;
    }, 10_000);
    expect(output.slice(0, 2)).toEqual([255, 128]);
    const events = await api<{ message: string }[]>('events.list', { limit: 50 });
    expect(events.map((e) => e.message)).toContain('Running order cue: “Set Two” on start → scene “Set Two look” GO');
    // Set One ran 5 minutes long; Set Two went on 10 minutes before its planned 15:00.
    expect(events.some((e) => /“Set One” ended 14:50:\d\d \(5 min late\); “Set Two” started 14:50:\d\d \(10 min early\)/.test(e.message))).toBe(true);

    // The tablet followed without a reload: Set Two on stage; Set Three back on its planned 16:00 (a set never starts before its time).
    await tablet.locator('[data-testid="ro-row"][data-title="Set Two"][data-state="running"]').waitFor({ timeout: 10_000 });
    await waitFor(async () => (await expected(tablet, 'Set Three')) === '16:00' || undefined, 10_000);
    // …and sees the firing on the timeline.
    await tablet.goto(`${serve.url}/#/alerts`);
    await tablet.getByText('Running order cue: “Set Two” on start → scene “Set Two look” GO').first().waitFor({ timeout: 10_000 });
    void scene;

    // 6. Undo takes "Next" back on the desk (the cue stays fired: once a day).
    await desk.getByTestId('op-undo').click();
    await desk.locator('[data-testid="ro-row"][data-title="Set One"][data-state="running"]').waitFor({ timeout: 10_000 });
    await desk.screenshot({ path: 'test-results/schedule-desk-after.png' });

    // 7. Timecode stops: the clock says so (and the running order carries on, on the computer's clock).
    clearInterval(timer);
    await desk.locator('[data-testid="schedule-clock"][data-lost="true"]').waitFor({ timeout: 10_000 });
    expect(await desk.getByTestId('schedule-clock').textContent()).toMatch(/Timecode LOST/);
  }, 120_000);

  it('editor: reorder with the keyboard and by dragging; a plan out of time order is flagged, never re-sorted', async () => {
    const page = await signIn(await browser.newContext(desktop), serve.url, token);
    await page.goto(`${serve.url}/#/schedule/edit`);
    const titles = async () => page.getByTestId('editor-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-title')));
    await page.locator('[data-testid="editor-row"][data-title="Set Four"]').waitFor();
    expect(await titles()).toEqual(['Doors', 'Set One', 'Set Two', 'Set Three', 'Set Four', 'Curfew']);

    // Keyboard: focus Set Four's handle, ↑ — it moves above Set Three and keeps the focus.
    const handle = page.locator('[data-testid="editor-row"][data-title="Set Four"] [data-testid="editor-handle"]');
    await handle.focus();
    await page.keyboard.press('ArrowUp');
    await waitFor(async () => (await titles()).join() === 'Doors,Set One,Set Two,Set Four,Set Three,Curfew' || undefined, 10_000);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-handle-for'))).toBe(await page.locator('[data-testid="editor-row"][data-title="Set Four"]').getAttribute('data-entry-id'));
    // Set Four (17:15) now runs before Set Three (16:00): flagged on the row, the order kept as given.
    await page.locator('[data-testid="editor-row"][data-title="Set Three"] [data-testid="editor-flag"][data-kind="order"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('editor-conflicts').textContent()).toMatch(/clash/);

    // Drag (mouse here; a finger works the same): Set Four's handle dropped on the lower half of Set Three's row puts it back after it.
    const setThree = page.locator('[data-testid="editor-row"][data-title="Set Three"]');
    await setThree.scrollIntoViewIfNeeded();
    const from = (await page.locator('[data-testid="editor-row"][data-title="Set Four"] [data-testid="editor-handle"]').boundingBox())!;
    const to = (await setThree.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 3 });
    await page.mouse.move(to.x + 40, to.y + to.height - 6, { steps: 8 });
    await page.locator('[data-testid="editor-row"][data-title="Set Three"].ed-row--drop-below').waitFor({ timeout: 5_000 });
    await page.mouse.up();
    await waitFor(async () => (await titles()).join() === 'Doors,Set One,Set Two,Set Three,Set Four,Curfew' || undefined, 10_000);
    await page.getByTestId('editor-conflicts').waitFor({ state: 'detached', timeout: 10_000 });
    await page.context().close();
  }, 60_000);

  it('every tab of the Schedule page fits a tablet (820×1180) and a laptop: no sideways scroll, nothing clipped, tap targets ≥ 44 px', async () => {
    const problems: string[] = [];
    for (const size of [
      { name: 'tablet', options: { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true }, touch: true },
      { name: 'laptop', options: { viewport: { width: 1280, height: 800 } }, touch: false },
    ]) {
      const page = await signIn(await browser.newContext(size.options), serve.url, token);
      for (const tab of ['', '/edit', '/import', '/report']) {
        await page.goto(`${serve.url}/#/schedule${tab}`);
        await page.getByTestId('schedule-page').waitFor();
        await page.getByTestId('curfew').waitFor({ timeout: 10_000 });
        if (tab === '/edit') {
          // With a row's entry form and its cue editor open, the widest the editor gets.
          const first = page.locator('[data-testid="editor-row"][data-title="Set Three"]');
          await first.getByTestId('editor-edit').click();
          await first.getByTestId('entry-form').waitFor();
          const second = page.locator('[data-testid="editor-row"][data-title="Set Four"]');
          await second.getByTestId('editor-cues').click();
          await second.getByTestId('cue-editor').waitFor();
          await second.getByTestId('cue-action').selectOption('mqtt.publish');
        }
        await page.waitForTimeout(300);
        await page.screenshot({ path: `test-results/schedule${tab.replace('/', '-') || '-run'}-${size.name}.png`, fullPage: true });
        const found = await page.evaluate(
          ({ touch, where }) => {
            const out: string[] = [];
            const main = document.querySelector('main')!;
            if (document.documentElement.scrollWidth > window.innerWidth) out.push(`${where}: the document is ${document.documentElement.scrollWidth} px wide`);
            if (main.scrollWidth > main.clientWidth) out.push(`${where}: the page scrolls sideways by ${main.scrollWidth - main.clientWidth} px`);
            for (const el of main.querySelectorAll('button, a, input, select')) {
              const r = el.getBoundingClientRect();
              if (r.width === 0 || r.height === 0 || el.classList.contains('file-input')) continue;
              const what = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
              if (r.right > window.innerWidth + 0.5 || r.left < -0.5) out.push(`${where}: ${what} is clipped`);
              if (touch && (el.tagName === 'BUTTON' || el.tagName === 'A') && r.height < 43.5) out.push(`${where}: ${what} is ${Math.round(r.height)} px high`);
            }
            return out;
          },
          { touch: size.touch, where: `${size.name} #/schedule${tab}` },
        );
        problems.push(...found);
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
  }, 90_000);

  it('operator: End now records the actual end and pulls the next set in; a corrected actual time changes the slip; Undo takes each back', async () => {
    // The timecode stopped at the end of the afternoon: it comes back at 14:54, Set One still on stage since 14:25.
    clearInterval(timer);
    jumpTo(14 * 3600_000 + 54 * MIN);
    timer = setInterval(send, 40);
    const desk = await signIn(await browser.newContext({ viewport: { width: 1366, height: 768 } }), serve.url, token);
    await desk.goto(`${serve.url}/#/schedule`);
    await desk.locator('[data-testid="schedule-clock"][data-lost="false"]').waitFor({ timeout: 10_000 });
    await row(desk, 'Set One').and(desk.locator('[data-state="running"]')).waitFor({ timeout: 10_000 });
    const slip = async (title: string) => (await row(desk, title).getByTestId('ro-slip').textContent())?.trim();
    const actual = async (title: string) => (await row(desk, title).getByTestId('ro-actual').textContent())?.trim();
    const waitExpected = (title: string, want: string) => waitFor(async () => (await expected(desk, title)) === want || undefined, 10_000);
    // Set One runs 40 minutes from 14:25, until 15:05: Set Two follows its 15-minute changeover at 15:20.
    await waitExpected('Set Two', '15:20');
    expect(await slip('Set Two')).toBe('+20 min');
    expect(await curfew(desk).textContent()).toMatch(/projected end 18:35 · 10 min to spare/);

    // 14:55: "End now" — Set One is done ten minutes early, and everything after it moves up.
    jumpTo(14 * 3600_000 + 55 * MIN);
    await desk.locator('[data-testid="schedule-clock-time"]', { hasText: /^14:55:0/ }).waitFor({ timeout: 10_000 });
    expect(await desk.getByTestId('op-end').textContent()).toMatch(/End now\s*Set One/);
    await desk.getByTestId('op-end').click();
    await row(desk, 'Set One').and(desk.locator('[data-state="done"]')).waitFor({ timeout: 10_000 });
    expect(await actual('Set One')).toMatch(/^14:2[56]–14:55$/);
    // Set Two: 14:55 + 15 = 15:10, still 10 minutes behind its 15:00; the day now ends 18:25.
    await waitExpected('Set Two', '15:10');
    expect(await slip('Set Two')).toBe('+10 min');
    expect([await expected(desk, 'Set Three'), await expected(desk, 'Set Four')]).toEqual(['16:10', '17:25']);
    expect(await curfew(desk).textContent()).toMatch(/projected end 18:25 · 20 min to spare/);
    expect(await desk.getByTestId('op-end').isDisabled()).toBe(true);
    expect(await desk.getByTestId('op-start').textContent()).toMatch(/Start now\s*Set Two/);
    const events = await api<{ message: string }[]>('events.list', { limit: 20 });
    expect(events.some((e) => /“Set One” ended 14:55:\d\d/.test(e.message))).toBe(true);

    // The log says Set One really went on at 14:15 and came off at 14:45: "Times…" corrects both.
    await row(desk, 'Set One').getByTestId('ro-times').click();
    const form = row(desk, 'Set One').getByTestId('actual-form');
    expect(await form.getByTestId('actual-start').inputValue()).toMatch(/^14:2[56]:\d\d$/);
    expect(await form.getByTestId('actual-end').inputValue()).toMatch(/^14:55:\d\d$/);
    // A typo is caught before anything is sent.
    await form.getByTestId('actual-end').fill('14:65');
    expect(await form.getByTestId('actual-end').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByTestId('actual-save').isDisabled()).toBe(true);
    await form.getByTestId('actual-start').fill('14:15:00');
    await form.getByTestId('actual-end').fill('14:45');
    await form.getByTestId('actual-save').click();
    await form.waitFor({ state: 'detached', timeout: 10_000 });
    await waitFor(async () => (await slip('Set One')) === '+10 min' || undefined, 10_000);
    expect(await actual('Set One')).toBe('14:15–14:45');
    // Set Two back on its planned 15:00 (14:45 + 15), and the day ends 18:15: exactly the 30-minute margin, calm again.
    await waitExpected('Set Two', '15:00');
    expect(await slip('Set Two')).toBe('on time');
    expect(await curfew(desk).getAttribute('data-state')).toBe('ok');
    expect(await curfew(desk).textContent()).toMatch(/projected end 18:15 · 30 min to spare/);
    await desk.screenshot({ path: 'test-results/schedule-desk-corrected.png' });

    // Undo takes the correction back…
    expect(await desk.getByTestId('op-undo').isDisabled()).toBe(false);
    await desk.getByTestId('op-undo').click();
    await waitExpected('Set Two', '15:10');
    expect(await actual('Set One')).toMatch(/^14:2[56]–14:55$/);
    expect(await slip('Set One')).toMatch(/^\+2[01] min$/);
    expect(await slip('Set Two')).toBe('+10 min');
    await desk.locator('[data-testid="curfew"][data-state="warning"]').waitFor({ timeout: 10_000 });
    // …and then the End: Set One is on stage again and Set Two waits for it.
    await desk.getByTestId('op-undo').click();
    await row(desk, 'Set One').and(desk.locator('[data-state="running"]')).waitFor({ timeout: 10_000 });
    expect(await actual('Set One')).toMatch(/^14:2[56]–…$/);
    await waitExpected('Set Two', '15:20');
    await desk.context().close();
  }, 60_000);

  it('editor: add a set, retime it (flagged, never re-sorted), delete it; duplicate the day; clear a day only after confirming', async () => {
    const page = await signIn(await browser.newContext({ viewport: { width: 1366, height: 768 } }), serve.url, token);
    await page.goto(`${serve.url}/#/schedule/edit`);
    const editorRow = (title: string) => page.locator(`[data-testid="editor-row"][data-title="${title}"]`);
    const titles = async () => page.getByTestId('editor-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-title')));
    const original = ['Doors', 'Set One', 'Set Two', 'Set Three', 'Set Four', 'Curfew'];
    await editorRow('Set Four').waitFor();
    expect(await titles()).toEqual(original);
    expect(await curfew(page).textContent()).toMatch(/projected end 18:35 · 10 min to spare/);

    // Add: an encore after the curfew entry, 18:50 for 20 minutes (the form suggests the end of the last set).
    const adder = page.locator('section.editor__add');
    expect(await adder.getByTestId('entry-start').inputValue()).toBe('18:15');
    await adder.getByTestId('entry-title').fill('Encore');
    await adder.getByTestId('entry-start').fill('18:50');
    await adder.getByTestId('entry-duration').fill('20');
    await adder.getByTestId('entry-changeover').fill('0');
    await adder.getByTestId('entry-save').click();
    await editorRow('Encore').waitFor({ timeout: 10_000 });
    expect(await titles()).toEqual([...original, 'Encore']);
    expect(await editorRow('Encore').locator('.ed-row__time').textContent()).toBe('18:50');
    expect(await editorRow('Encore').locator('.ed-row__meta').textContent()).toBe('20 min');
    // The add form is fresh for the next one.
    expect(await adder.getByTestId('entry-title').inputValue()).toBe('');
    // The day now ends 19:10, 25 minutes past curfew.
    await page.locator('[data-testid="curfew"][data-state="danger"]').waitFor({ timeout: 10_000 });
    expect(await curfew(page).textContent()).toMatch(/projected end 19:10 · 25 min over/);

    // Edit: bring it forward to 17:00 for 5 minutes — before Set Four above it. It stays where it is, flagged as out of order.
    await editorRow('Encore').getByTestId('editor-edit').click();
    const form = editorRow('Encore').getByTestId('entry-form');
    expect(await form.getByTestId('entry-start').inputValue()).toBe('18:50');
    expect(await form.getByTestId('entry-duration').inputValue()).toBe('20');
    await form.getByTestId('entry-start').fill('17:00');
    await form.getByTestId('entry-duration').fill('5');
    await form.getByTestId('entry-save').click();
    await form.waitFor({ state: 'detached', timeout: 10_000 });
    await waitFor(async () => (await editorRow('Encore').locator('.ed-row__time').textContent()) === '17:00' || undefined, 10_000);
    expect(await editorRow('Encore').locator('.ed-row__meta').textContent()).toMatch(/^5 min/);
    expect(await titles()).toEqual([...original, 'Encore']);
    expect(await editorRow('Encore').getByTestId('editor-flag').allTextContents()).toEqual(['Planned 15 min before “Set Four” above it']);
    expect(await page.getByTestId('editor-conflicts').textContent()).toMatch(/^One clash/);
    // It still plays where it stands: right after Set Four (expected to end 18:35), five minutes, so the day ends 18:40.
    await page.locator('[data-testid="curfew"][data-state="warning"]').waitFor({ timeout: 10_000 });
    expect(await curfew(page).textContent()).toMatch(/projected end 18:40 · 5 min to spare/);

    // Delete: gone, and the day is as it was.
    await editorRow('Encore').getByTestId('editor-delete').click();
    await editorRow('Encore').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await titles()).toEqual(original);
    await page.getByTestId('editor-conflicts').waitFor({ state: 'detached', timeout: 10_000 });
    await waitFor(async () => /projected end 18:35/.test((await curfew(page).textContent()) ?? '') || undefined, 10_000);

    // Duplicate the day a week later: the editor stays on this day and the new date is in the list.
    const copy = addDays(date, 7);
    await page.getByTestId('duplicate-date').fill(copy);
    await page.getByTestId('duplicate-day').click();
    expect(await page.getByTestId('duplicate-done').textContent()).toMatch(/^Copied 6 entries to /);
    expect(await page.getByTestId('editor-day').inputValue()).toBe(date);
    expect(await titles()).toEqual(original);
    await page.locator(`[data-testid="editor-day"] option[value="${copy}"]`, { hasText: '6 entries' }).waitFor({ state: 'attached', timeout: 10_000 });
    expect(await editorRow('Set One').locator('.ed-row__meta').textContent()).toMatch(/played/);

    // The copy: the same entries and cues, nothing played yet.
    await page.getByTestId('duplicate-open').click();
    await waitFor(async () => (await page.getByTestId('editor-day').inputValue()) === copy || undefined, 10_000);
    await waitFor(async () => (await titles()).join() === original.join() || undefined, 10_000);
    expect(await page.locator('.ed-row__meta', { hasText: 'played' }).count()).toBe(0);
    expect(await editorRow('Set Two').getByTestId('editor-cues').textContent()).toBe('Cues (1)');
    expect(await editorRow('Set Three').locator('.ed-row__time').textContent()).toBe('16:00');
    const copied = await api<{ day: { entries: { title: string; plannedStart: string }[] } }>('schedule.state', { date: copy });
    expect(copied.day.entries.map((e) => `${e.title} ${e.plannedStart}`)).toEqual(['Doors 13:30', 'Set One 14:05', 'Set Two 15:00', 'Set Three 16:00', 'Set Four 17:15', 'Curfew 18:45']);

    // Clear that day: the first press only asks; "Keep them" keeps them.
    await page.getByTestId('clear-day').click();
    expect(await page.getByTestId('clear-day-confirm').textContent()).toBe('Remove all 6 entries');
    await page.getByRole('button', { name: 'Keep them' }).click();
    await page.getByTestId('clear-day-confirm').waitFor({ state: 'detached' });
    expect(await titles()).toEqual(original);
    await page.getByTestId('clear-day').click();
    await page.getByTestId('clear-day-confirm').click();
    await page.getByText('No entries on').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('editor-row').count()).toBe(0);
    expect((await api<{ day: { entries: unknown[] } }>('schedule.state', { date: copy })).day.entries).toEqual([]);
    // Undo brings them back.
    await page.getByTestId('editor-undo').click();
    await waitFor(async () => (await titles()).join() === original.join() || undefined, 10_000);

    // The show day itself was never touched.
    await page.getByTestId('editor-day').selectOption(date);
    await waitFor(async () => (await titles()).join() === original.join() || undefined, 10_000);
    expect(await editorRow('Set One').locator('.ed-row__meta').textContent()).toMatch(/played/);
    await page.context().close();
  }, 60_000);

  it('Settings → Schedule: checked with the contract’s words while typing, saved, in effect on the Schedule page, kept after a reload', async () => {
    const page = await signIn(await browser.newContext({ viewport: { width: 1366, height: 768 } }), serve.url, token);
    await page.goto(`${serve.url}/#/settings/schedule`);
    const section = page.getByTestId('schedule-settings');
    await section.waitFor();
    const field = (k: string) => section.getByTestId(`schedule-settings-${k}`);
    const save = section.getByTestId('schedule-settings-save');
    // What the config file says, and what the running order is on right now.
    expect(await field('timeSource').inputValue()).toBe('artnet-timecode');
    expect(await field('zone').inputValue()).toBe('UTC');
    expect([await field('warnMarginMin').inputValue(), await field('dangerMarginMin').inputValue(), await field('timecodeLossMs').inputValue()]).toEqual(['30', '0', '3000']);
    const live = section.getByTestId('schedule-settings-live');
    await live.and(page.locator('[data-lost="false"]')).waitFor({ timeout: 10_000 });
    expect(await live.getAttribute('data-zone')).toBe('UTC');
    expect(await live.textContent()).toMatch(/^Now 14:5\d in UTC, on Art-Net timecode 14:5\d:\d\d:\d\d\.$/);
    expect(await save.isDisabled()).toBe(true);

    // Mistakes: the contract's own sentences beside the boxes, and Save sends nothing.
    await field('zone').fill('Mars/Olympus_Mons');
    await field('dangerMarginMin').fill('40');
    const messages = async () => section.locator('.field-error').allTextContents();
    expect(await messages()).toEqual([
      expect.stringMatching(/^Unknown time zone: use an IANA name such as Europe\/London/),
      'The warning margin must be at least the danger margin (the warning comes first)',
      'Fix the 2 marked boxes before saving.',
    ]);
    expect(await field('zone').getAttribute('aria-invalid')).toBe('true');
    await shootSection(page, 'settings-schedule-errors-laptop');
    await save.click();
    await page.waitForTimeout(300);
    expect((await api<{ schedule: Record<string, unknown> }>('settings.get')).schedule).toMatchObject({ zone: 'UTC', warnMarginMin: 30, dangerMarginMin: 0 });

    // Wider margins: warn at 60 minutes, danger at 20.
    await field('zone').fill('UTC');
    await field('warnMarginMin').fill('60');
    await field('dangerMarginMin').fill('20');
    expect(await messages()).toEqual([]);
    await save.click();
    await section.getByTestId('schedule-settings-saved').waitFor({ timeout: 10_000 });
    expect((await api<{ schedule: Record<string, unknown> }>('settings.get')).schedule).toMatchObject({ zone: 'UTC', warnMarginMin: 60, dangerMarginMin: 20, timeSource: 'artnet-timecode', timecodeLossMs: 3000 });
    await shootSection(page, 'settings-schedule-laptop');

    // In effect: the afternoon still ends 18:35, 10 minutes before curfew — now inside the danger margin.
    await page.goto(`${serve.url}/#/schedule`);
    await page.locator('[data-testid="curfew"][data-state="danger"]').waitFor({ timeout: 10_000 });
    expect(await curfew(page).textContent()).toMatch(/projected end 18:35 · 10 min to spare/);

    // Kept: a reload shows the saved values.
    await page.goto(`${serve.url}/#/settings/schedule`);
    await page.reload();
    await section.waitFor({ timeout: 15_000 });
    expect([await field('warnMarginMin').inputValue(), await field('dangerMarginMin').inputValue(), await field('zone').inputValue()]).toEqual(['60', '20', 'UTC']);
    // The loss time only matters with timecode: with the computer's clock the box goes away (nothing saved yet).
    await field('timeSource').selectOption('system');
    await field('timecodeLossMs').waitFor({ state: 'detached' });
    expect(await save.isDisabled()).toBe(false);
    await section.getByRole('button', { name: 'Undo changes' }).click();
    await field('timecodeLossMs').waitFor();
    await page.context().close();

    // A tablet (820×1180): the section fits, nothing sideways, tap targets ≥ 44 px.
    const tablet = await signIn(await browser.newContext({ viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true }), serve.url, token);
    await tablet.goto(`${serve.url}/#/settings/schedule`);
    await tablet.getByTestId('schedule-settings').waitFor();
    await tablet.waitForTimeout(300);
    await shootSection(tablet, 'settings-schedule-tablet');
    const problems = await tablet.evaluate(() => {
      const out: string[] = [];
      if (document.documentElement.scrollWidth > window.innerWidth) out.push(`the document is ${document.documentElement.scrollWidth} px wide`);
      for (const el of document.querySelectorAll('#settings-schedule button, #settings-schedule input, #settings-schedule select')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        const what = `${el.tagName.toLowerCase()} "${(el.getAttribute('data-testid') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
        if (r.right > window.innerWidth + 0.5 || r.left < -0.5) out.push(`${what} is clipped`);
        if (r.height < 43.5) out.push(`${what} is ${Math.round(r.height)} px high`);
      }
      return out;
    });
    expect(problems).toEqual([]);
    await tablet.context().close();
  }, 60_000);
});
