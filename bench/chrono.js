// chrono.js: the peer of the time benchmark (bench/times.sh): chrono-node
// (pinned in bench/node/package.json) parsing the same sentences as
// bench/times_bench.c, one line at a time, with the same reference date.
//
//   node bench/chrono.js [--ref YYYY-MM-DD] CORPUS
//       times chrono.parse over every line; prints key=value lines
//   node bench/chrono.js [--ref YYYY-MM-DD] --compare DUMP [--sample K] CORPUS
//       reads the dates dossier found in the first lines (times_bench
//       --dump), parses the same lines with chrono, and prints how the two
//       readings compare and K example lines where they differ (default 20)
//
// The reference date is noon of --ref (default 2025-03-19) in UTC; the
// script sets TZ=UTC before any date is made, so that days do not shift
// with the machine's zone.  Offsets are converted from chrono's UTF-16
// indices to bytes, which is how dossier counts.
'use strict';
process.env.TZ = 'UTC';

const fs = require('fs');
const path = require('path');

function usage() {
    process.stderr.write('usage: node bench/chrono.js [--ref YYYY-MM-DD] [--compare DUMP [--sample K]] CORPUS\n');
    process.exit(2);
}

let ref = '2025-03-19', dumpPath = null, sample = 20, corpus = null;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--ref' && i + 1 < argv.length) ref = argv[++i];
    else if (argv[i] === '--compare' && i + 1 < argv.length) dumpPath = argv[++i];
    else if (argv[i] === '--sample' && i + 1 < argv.length) sample = parseInt(argv[++i], 10);
    else if (!argv[i].startsWith('-') && !corpus) corpus = argv[i];
    else usage();
}
if (!corpus || !/^\d{4}-\d{2}-\d{2}$/.test(ref) || !(sample >= 0)) usage();

// chrono-node is installed into bench/node/node_modules by bench/times.sh.
const chrono = require(path.join(__dirname, 'node', 'node_modules', 'chrono-node'));
const [ry, rm, rd] = ref.split('-').map(Number);
const refDate = new Date(Date.UTC(ry, rm - 1, rd, 12, 0, 0));

const raw = fs.readFileSync(corpus);
const text = raw.toString('utf8');
const lines = text.split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();

function iso(d) {
    return d.toISOString().slice(0, 10);
}

if (!dumpPath) {
    // Warm-up on a few lines, so that the timed loop measures parsing and
    // not the JIT compiling chrono's code the first time through; the
    // dossier side has no such cost to exclude.
    for (let i = 0; i < Math.min(200, lines.length); i++) chrono.parse(lines[i], refDate);
    let mentions = 0, withEnd = 0;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (const line of lines) {
        const rs = chrono.parse(line, refDate);
        mentions += rs.length;
        for (const r of rs) if (r.end) withEnd++;
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const cu = process.cpuUsage(c0);
    const cpu = (cu.user + cu.system) / 1e6;
    const bytes = raw.length;
    const out = {
        ref,
        chrono_version: require(path.join(__dirname, 'node', 'node_modules', 'chrono-node', 'package.json')).version,
        node_version: process.version,
        bytes,
        lines: lines.length,
        mentions,
        mentions_with_end: withEnd,
        seconds: secs.toFixed(3),
        cpu_seconds: cpu.toFixed(3),
        mb_per_s: (bytes / 1e6 / secs).toFixed(2),
        mb_per_cpu_s: (bytes / 1e6 / cpu).toFixed(2),
        peak_rss_mb: (process.resourceUsage().maxRSS * 1024 / 1e6).toFixed(1),
    };
    for (const [k, v] of Object.entries(out)) process.stdout.write(`${k}=${v}\n`);
    process.exit(0);
}

// --- comparison -------------------------------------------------------------
// dossier's dates by line: [start, end, first, last, text]
const dossier = new Map();
let maxLine = 0;
for (const row of fs.readFileSync(dumpPath, 'utf8').split('\n')) {
    if (!row) continue;
    const f = row.split('\t');
    const ln = Number(f[0]);
    if (!dossier.has(ln)) dossier.set(ln, []);
    dossier.get(ln).push({ start: Number(f[1]), end: Number(f[2]), first: f[3], last: f[4], text: f.slice(5).join('\t') });
    if (ln > maxLine) maxLine = ln;
}

const n = { lines: 0, lines_agree: 0, dossier: 0, chrono: 0, same_start: 0, other_start: 0, inside_range: 0, dossier_only: 0, chrono_only: 0 };
const differing = [];
for (let ln = 1; ln <= maxLine && ln <= lines.length; ln++) {
    const line = lines[ln - 1];
    const d = dossier.get(ln) || [];
    const c = chrono.parse(line, refDate).map((r) => {
        const start = Buffer.byteLength(line.slice(0, r.index));
        return { start, end: start + Buffer.byteLength(r.text), first: iso(r.start.date()), last: r.end ? iso(r.end.date()) : null, text: r.text };
    });
    n.lines++;
    n.dossier += d.length;
    n.chrono += c.length;
    // Pair mentions whose byte spans overlap, in text order.
    const used = new Set();
    let agree = true;
    for (const m of d) {
        const k = c.findIndex((x, i) => !used.has(i) && x.start < m.end && m.start < x.end);
        if (k < 0) {
            n.dossier_only++;
            agree = false;
            continue;
        }
        used.add(k);
        if (c[k].first === m.first) n.same_start++;
        else {
            n.other_start++;
            // chrono gives one day where dossier gives a range ("last
            // year": 2024-03-19 against 2024-01-01..2024-12-31): a
            // difference of precision rather than of reading.
            if (m.first !== '-' && m.first <= c[k].first && c[k].first <= m.last) n.inside_range++;
            agree = false;
        }
    }
    n.chrono_only += c.length - used.size;
    if (c.length > used.size) agree = false;
    if (agree) n.lines_agree++;
    else differing.push({ ln, line, d, c });
}

const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '0.0');
process.stdout.write(`compared lines 1-${n.lines} (reference ${ref})\n`);
process.stdout.write(`  dates found      dossier ${n.dossier}, chrono ${n.chrono}\n`);
process.stdout.write(`  found by both    ${n.same_start + n.other_start} (overlapping spans): same start day ${n.same_start}, another start day ${n.other_start} (of which inside dossier's range ${n.inside_range})\n`);
process.stdout.write(`  found by one     dossier only ${n.dossier_only}, chrono only ${n.chrono_only}\n`);
process.stdout.write(`  lines that agree ${n.lines_agree} of ${n.lines} (${pct(n.lines_agree, n.lines)}%)\n`);
process.stdout.write(`summary: lines=${n.lines} dossier=${n.dossier} chrono=${n.chrono} same_start=${n.same_start} other_start=${n.other_start} inside_range=${n.inside_range} dossier_only=${n.dossier_only} chrono_only=${n.chrono_only} lines_agree=${n.lines_agree}\n`);

// K differing lines spread evenly over all of them, so that the sample is
// not just the first few templates.
const k = Math.min(sample, differing.length);
process.stdout.write(`\n${k} of the ${differing.length} lines where they differ:\n`);
const show = (ms, dossierSide) =>
    ms.length
        ? ms.map((m) => `"${m.text}" ${m.first}${dossierSide ? (m.last !== m.first ? '..' + m.last : '') : m.last ? '..' + m.last : ''}`).join('; ')
        : '(none)';
for (let i = 0; i < k; i++) {
    const e = differing[Math.floor((i * differing.length) / k)];
    process.stdout.write(`\n[${e.ln}] ${e.line}\n  dossier: ${show(e.d, true)}\n  chrono:  ${show(e.c, false)}\n`);
}
