// Drive headless Chromium (Debian's, through playwright-core, which downloads no browser) through
// the steps of a plan and print ONE JSON object on stdout:
//
//   node tests/tools/browser_check.mjs plan.json
//
// plan.json: {"executablePath": "/usr/bin/chromium", "viewport": {"width": 390, "height": 844},
//             "isMobile": true, "locale": "sr-Latn", "timeout": 10000, "cpuThrottle": 4, "steps": [...]}
// (cpuThrottle: Chromium runs the page's work n times slower, as on a slow laptop.)
// Steps, each an object named by its action's key (an optional "timeout" in ms applies to that step):
//   {"goto": url}                       load a page; an HTTP status of 400 or more fails the step
//   {"fill": selector, "value": text}   {"press": selector, "key": "Enter"}   {"click": selector}
//   {"select": selector, "value": v}    {"check": selector}                   {"waitForSelector": selector}
//   {"waitForText": text}               waits until the text is visible (Playwright's getByText: a
//                                       substring, case and runs of spaces ignored)
//   {"expectNoText": text}              waits briefly (timeout, 1000 ms unless told) and fails if the text
//                                       becomes visible
//   {"screenshot": path, "fullPage": true}
//   {"measure": selector}               records the element's box ({x, y, width, height}, from the
//                                       viewport's top-left) with the page's and the viewport's height
//   {"expectNoOverflow": true}          fails if the page at this step is wider than the viewport
//   {"emulateMedia": "print"}           lay the pages out for "print" (or back to "screen")
//   {"download": selector, "saveAs": path}
//                                       clicks and waits for the download it starts, saved to path;
//                                       recorded in downloads ({selector, suggestedFilename, path, size})
//   {"evaluate": expression, "as": name}
//                                       evaluates the expression in the page (awaited) and records its
//                                       JSON value in values[name] (timings for the benchmarks)
// Selectors are Playwright's (CSS, "text=…"); relative paths are taken from the working directory.
//
// Output: {"ok", "steps": [{"step", "ok", "error"}], "consoleErrors", "failedRequests",
//          "offsiteRequests", "title", "texts", "horizontalOverflow", "measures", "downloads",
//          "values", "failureScreenshot", "error"}
// measures: one {selector, box, pageHeight, viewportHeight} per measure step, in order.
// failedRequests: requests that failed on this machine ({url, method, error}) or were answered with
// an HTTP status of 400 or more ({url, method, status}). texts: the body's visible text at the end,
// one entry a non-empty line. horizontalOverflow: the page is wider than the viewport
// (document.documentElement.scrollWidth > window.innerWidth). error: why the run could not go on
// (plan unreadable, Chromium not launched), else null.
// It stops at the first failing step, still prints the JSON and takes a screenshot to the plan's last
// screenshot path (or <plan>.failure.png). Requests to any host but 127.0.0.1, localhost or [::1] are
// listed in offsiteRequests and aborted (pages must load nothing from a CDN). Exit code 0 if ok, else 1.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const STEP_KINDS = [
  'goto', 'fill', 'press', 'click', 'select', 'check',
  'waitForSelector', 'waitForText', 'expectNoText', 'screenshot', 'measure', 'expectNoOverflow',
  'emulateMedia', 'download', 'evaluate',
];

function isOffsite(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return false; // data:, blob:, about:
  return !LOCAL_HOSTS.has(parsed.hostname);
}

function stepKind(step) {
  return STEP_KINDS.find((kind) => Object.hasOwn(step, kind));
}

function withDir(path) {
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  return absolute;
}

// Steps that may leave the page: each first lets the page finish loading what it asked for, so
// that a stylesheet still in flight is not cancelled (net::ERR_ABORTED) and taken for a failure.
const LEAVING = new Set(['goto', 'press', 'click', 'download']);

async function runStep(page, step, defaultTimeout, result) {
  const timeout = step.timeout ?? defaultTimeout;
  const kind = stepKind(step);
  if (LEAVING.has(kind)) await page.waitForLoadState('load', { timeout });
  switch (kind) {
    case 'goto': {
      const response = await page.goto(step.goto, { timeout, waitUntil: step.waitUntil ?? 'load' });
      if (response && response.status() >= 400) throw new Error(`HTTP ${response.status()} for ${step.goto}`);
      return;
    }
    case 'fill':
      return page.locator(step.fill).first().fill(String(step.value ?? ''), { timeout });
    case 'press':
      return page.locator(step.press).first().press(step.key, { timeout });
    case 'click':
      return page.locator(step.click).first().click({ timeout });
    case 'select':
      return void (await page.locator(step.select).first().selectOption(step.value, { timeout }));
    case 'check':
      return page.locator(step.check).first().check({ timeout });
    case 'waitForSelector':
      return page.locator(step.waitForSelector).first().waitFor({ state: 'visible', timeout });
    case 'waitForText':
      return page.getByText(step.waitForText).first().waitFor({ state: 'visible', timeout });
    case 'expectNoText': {
      const wait = step.timeout ?? 1000;
      try {
        await page.getByText(step.expectNoText).first().waitFor({ state: 'visible', timeout: wait });
      } catch (error) {
        if (error?.name === 'TimeoutError') return;
        throw error;
      }
      throw new Error(`text is visible: ${JSON.stringify(step.expectNoText)}`);
    }
    case 'screenshot':
      return void (await page.screenshot({ path: withDir(step.screenshot), fullPage: Boolean(step.fullPage), timeout }));
    case 'measure': {
      // Where an element sits on the page and how tall the page is, for layout assertions.
      const box = await page.locator(step.measure).first().boundingBox({ timeout });
      const sizes = await page.evaluate(() => ({
        pageHeight: document.documentElement.scrollHeight, viewportHeight: window.innerHeight,
      }));
      result.measures.push({ selector: step.measure, box, ...sizes });
      return undefined;
    }
    case 'expectNoOverflow': {
      // The final page is always measured; this measures the page at this step too.
      const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (width[0] > width[1]) throw new Error(`the page is ${width[0]}px wide in a ${width[1]}px window`);
      return;
    }
    case 'emulateMedia':
      return page.emulateMedia({ media: step.emulateMedia }); // "print", "screen" or null
    case 'download': {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout }),
        page.locator(step.download).first().click({ timeout }),
      ]);
      const path = withDir(step.saveAs);
      await download.saveAs(path);
      const failure = await download.failure();
      if (failure) throw new Error(`the download failed: ${failure}`);
      result.downloads.push({
        selector: step.download, suggestedFilename: download.suggestedFilename(), path, size: statSync(path).size,
      });
      return undefined;
    }
    case 'evaluate':
      result.values[step.as ?? String(Object.keys(result.values).length)] = await page.evaluate(step.evaluate);
      return undefined;
    default:
      throw new Error(`unknown step (expected one of ${STEP_KINDS.join(', ')})`);
  }
}

function message(error) {
  return String(error?.message ?? error).split('\n')[0];
}

async function main(planPath) {
  const result = {
    ok: false, steps: [], consoleErrors: [], failedRequests: [], offsiteRequests: [],
    title: '', texts: [], horizontalOverflow: false, measures: [], downloads: [], values: {},
    failureScreenshot: null, error: null,
  };
  let plan;
  try {
    plan = JSON.parse(readFileSync(planPath, 'utf8'));
  } catch (error) {
    result.error = `cannot read the plan: ${message(error)}`;
    return result;
  }
  const steps = Array.isArray(plan.steps) ? plan.steps : [];
  const defaultTimeout = plan.timeout ?? 10000;
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: plan.executablePath ?? process.env.SOCIALHUB_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      chromiumSandbox: false, // we run as root, where Chromium's sandbox cannot start
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
      timeout: 60000,
    });
  } catch (error) {
    result.error = `cannot launch Chromium: ${message(error)}`;
    return result;
  }
  try {
    const options = {};
    for (const key of ['viewport', 'isMobile', 'hasTouch', 'locale', 'deviceScaleFactor', 'userAgent',
      'timezoneId', 'colorScheme']) {
      if (plan[key] !== undefined) options[key] = plan[key];
    }
    if (plan.isMobile && plan.hasTouch === undefined) options.hasTouch = true;
    const context = await browser.newContext({ acceptDownloads: true, ...options });
    await context.route((url) => isOffsite(url.href), (route) => route.abort('blockedbyclient'));
    context.on('request', (request) => {
      if (isOffsite(request.url())) result.offsiteRequests.push(request.url());
    });
    const answeredBadly = new WeakSet(); // listed once, by status, even if Chromium then aborts it
    context.on('requestfailed', (request) => {
      if (answeredBadly.has(request) || isOffsite(request.url())) return; // offsite: listed apart
      result.failedRequests.push({
        url: request.url(), method: request.method(), error: request.failure()?.errorText ?? 'failed',
      });
    });
    context.on('response', (response) => {
      if (response.status() >= 400) {
        answeredBadly.add(response.request());
        result.failedRequests.push({
          url: response.url(), method: response.request().method(), status: response.status(),
        });
      }
    });
    const page = await context.newPage();
    page.setDefaultTimeout(defaultTimeout);
    if (plan.cpuThrottle) {
      // A slower machine's processor (Chromium's own emulation: each task takes n times as long).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: plan.cpuThrottle });
    }
    page.on('console', (msg) => {
      if (msg.type() === 'error') result.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => result.consoleErrors.push(`uncaught: ${message(error)}`));

    let failed = false;
    for (const step of steps) {
      try {
        await runStep(page, step, defaultTimeout, result);
        result.steps.push({ step, ok: true, error: null });
      } catch (error) {
        result.steps.push({ step, ok: false, error: message(error) });
        failed = true;
        break;
      }
    }
    try {
      result.title = await page.title();
      const text = await page.locator('body').innerText({ timeout: 2000 });
      result.texts = text.split('\n').map((line) => line.trim()).filter(Boolean);
      result.horizontalOverflow = await page.evaluate(
        () => document.documentElement.scrollWidth > window.innerWidth,
      );
    } catch (error) {
      result.error = `cannot read the final page: ${message(error)}`;
    }
    if (failed) {
      const shots = steps.filter((s) => typeof s?.screenshot === 'string');
      const path = withDir(shots.length ? shots[shots.length - 1].screenshot : `${planPath}.failure.png`);
      try {
        await page.screenshot({ path, fullPage: true, timeout: 10000 });
        result.failureScreenshot = path;
      } catch (error) {
        result.error = `cannot take the failure screenshot: ${message(error)}`;
      }
    }
  } catch (error) {
    result.ok = false;
    result.error = message(error);
  } finally {
    await Promise.race([browser.close(), new Promise((done) => setTimeout(done, 10000))]);
  }
  result.ok = result.error === null && result.steps.length === steps.length && result.steps.every((s) => s.ok);
  return result;
}

if (process.argv.length !== 3) {
  process.stderr.write('usage: node tests/tools/browser_check.mjs plan.json\n');
  process.exit(2);
}
const result = await main(process.argv[2]);
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(result.ok ? 0 : 1));
