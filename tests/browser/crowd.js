// crowd.js URL ARTIFACT_DIR: the timeline of a register too crowded for a
// bar per incident.  The map page must draw a histogram (no incident
// bars), whose bars together count every listed incident at least once;
// a click on the highest bar must set the from/to filters to its period,
// list exactly as many incidents as the bar said, and draw those as bars.
'use strict';

const { run } = require('./browser');

run(async (b) => {
  const { page } = b;
  await b.go('map', 'map');
  const listed = await page.locator('#incidents tr').count();
  const bins = await page.$$eval('svg.histogram a.bin', (as) => as.map((a) => ({
    count: Number(a.dataset.count), from: a.dataset.from, to: a.dataset.to,
  })));
  const bars = await page.locator('#timeline rect.bar').count();
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  await b.screenshot('histogram');
  const crowded = await page.evaluate(() => DS.TIMELINE_CROWDED);
  if (listed <= crowded) return b.fail(`only ${listed} incidents: the test needs more than ${crowded}`);
  if (bins.length < 2 || bars) return b.fail(`${bins.length} histogram bars and ${bars} incident bars`);
  const counted = bins.reduce((n, x) => n + x.count, 0);
  if (counted < listed) return b.fail(`the bars count ${counted} of ${listed} incidents`);
  console.log(`crowd: ${listed} incidents in ${bins.length} bars of ${bins[0].from}..${bins[0].to} and so on`);

  const top = bins.reduce((x, y) => (y.count > x.count ? y : x));
  await page.click(`svg.histogram a.bin[data-from="${top.from}"]`);
  await page.waitForFunction((f) => location.hash.includes('from=' + f), top.from);
  await b.ready('map');
  const hash = await page.evaluate(() => location.hash);
  const rows = await page.locator('#incidents tr').count();
  const drawn = await page.locator('#timeline rect.bar').count();
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  await b.screenshot('period');
  if (!hash.includes(`to=${top.to}`)) return b.fail(`the bar led to ${hash}`);
  if (rows !== top.count) return b.fail(`the bar said ${top.count} incidents, the list has ${rows}`);
  if (drawn !== rows) return b.fail(`${drawn} bars for ${rows} incidents`);
  console.log(`crowd: the bar of ${top.from}..${top.to} selects its ${rows} incidents, drawn as bars`);
});
