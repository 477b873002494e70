/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vregion-bench: runs every benchmark program of this directory (they sit
 * next to it in the build tree) in one invocation, collects their CSV rows
 * and prints either a readable table with the targets of issue 4 checked,
 * or (--csv) the rows themselves under the header
 * "allocator,workload,metric,value". See docs/bench.md.
 */
#include "common.h"

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ROWS 4096
#define NAME_LEN 48

struct row {
	char alloc[NAME_LEN], wl[NAME_LEN], metric[NAME_LEN];
	double value;
};

static struct row rows[MAX_ROWS];
static void recorded_targets(void);
static size_t nrows;

struct drv_opts {
	bool csv, quick;
	const char *parts; /* comma list or NULL for all */
	const char *trace;
	const char *from_csv; /* print rows saved earlier instead of running */
	char steps[32], warmup[32], reps[32], ic_fast[32], ic_slow[32], seed[32];
};

static char bindir[PATH_MAX];

static bool part_on(const struct drv_opts *o, const char *part)
{
	const char *p = o->parts;
	size_t n = strlen(part);

	if (!p)
		return true;
	while (*p) {
		if (!strncmp(p, part, n) && (p[n] == ',' || !p[n]))
			return true;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return false;
}

static void find_bindir(const char *argv0)
{
	ssize_t n = readlink("/proc/self/exe", bindir, sizeof(bindir) - 1);
	char *slash;

	if (n <= 0) {
		snprintf(bindir, sizeof(bindir), "%s", argv0);
		n = (ssize_t)strlen(bindir);
	}
	bindir[n] = '\0';
	slash = strrchr(bindir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(bindir, sizeof(bindir), ".");
}

static bool parse_row(char *line, struct row *r)
{
	char *f[4], *end;
	size_t k = 0;

	line[strcspn(line, "\r\n")] = '\0';
	for (char *s = line; k < 4; k++) {
		f[k] = s;
		s = strchr(s, ',');
		if (!s) {
			k++;
			break;
		}
		*s++ = '\0';
	}
	if (k != 4 || strchr(f[3], ','))
		return false;
	for (k = 0; k < 3; k++)
		if (!*f[k] || strlen(f[k]) >= NAME_LEN)
			return false;
	r->value = strtod(f[3], &end);
	if (end == f[3] || *end)
		return false;
	snprintf(r->alloc, NAME_LEN, "%s", f[0]);
	snprintf(r->wl, NAME_LEN, "%s", f[1]);
	snprintf(r->metric, NAME_LEN, "%s", f[2]);
	return true;
}

/*
 * Run one program of bindir with @p args; keep its rows. 0 (also when it was
 * not built: an optional heap), or -1 when it failed or printed a bad row.
 */
static int run_prog(const char *prog, const char *args)
{
	char path[PATH_MAX + 64], cmd[PATH_MAX * 2], line[512];
	FILE *f;
	int st, bad = 0;

	snprintf(path, sizeof(path), "%s/%s", bindir, prog);
	if (access(path, X_OK) != 0) {
		fprintf(stderr, "vregion-bench: %s not built; skipped\n", prog);
		return 0;
	}
	snprintf(cmd, sizeof(cmd), "'%s' %s", path, args);
	fprintf(stderr, "vregion-bench: running %s %s\n", prog, args);
	f = popen(cmd, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (nrows == MAX_ROWS || !parse_row(line, &rows[nrows])) {
			fprintf(stderr, "vregion-bench: %s printed a malformed row: %s", prog, line);
			bad = -1;
			continue;
		}
		nrows++;
	}
	st = pclose(f);
	if (st != 0) {
		fprintf(stderr, "vregion-bench: %s failed (status %d)\n", prog, st);
		return -1;
	}
	return bad;
}

static const struct row *find(const char *alloc, const char *wl, const char *metric)
{
	for (size_t i = 0; i < nrows; i++)
		if (!strcmp(rows[i].alloc, alloc) && !strcmp(rows[i].wl, wl) &&
		    !strcmp(rows[i].metric, metric))
			return &rows[i];
	return NULL;
}

static void fmt_value(char *buf, size_t n, double v)
{
	if (v == (double)(long long)v && v < 1e15 && v > -1e15)
		snprintf(buf, n, "%lld", (long long)v);
	else if (v < 10.0 && v > -10.0)
		snprintf(buf, n, "%.4f", v);
	else
		snprintf(buf, n, "%.1f", v);
}

/* Distinct values of one column, in first-seen order, among rows matching @p wl (or all). */
static size_t distinct(const char *wl, int col, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < nrows; i++) {
		const char *v = col == 0 ? rows[i].alloc : col == 1 ? rows[i].wl : rows[i].metric;
		bool seen = false;

		if (wl && strcmp(rows[i].wl, wl))
			continue;
		for (size_t k = 0; k < n && !seen; k++)
			seen = !strcmp(out[k], v);
		if (!seen && n < max)
			out[n++] = v;
	}
	return n;
}

static void print_table(void)
{
	const char *wls[64], *allocs[16], *metrics[128];
	size_t nw = distinct(NULL, 1, wls, 64);

	for (size_t w = 0; w < nw; w++) {
		size_t na = distinct(wls[w], 0, allocs, 16);
		size_t nm = distinct(wls[w], 2, metrics, 128);

		printf("\n== %s ==\n%-28s", wls[w], "metric");
		for (size_t a = 0; a < na; a++)
			printf(" %12s", allocs[a]);
		printf("\n");
		for (size_t m = 0; m < nm; m++) {
			printf("%-28s", metrics[m]);
			for (size_t a = 0; a < na; a++) {
				const struct row *r = find(allocs[a], wls[w], metrics[m]);
				char buf[32] = "-";

				if (r)
					fmt_value(buf, sizeof(buf), r->value);
				printf(" %12s", buf);
			}
			printf("\n");
		}
	}
}

/* One target line: measured value against its bound; "n/a" when a figure is missing. */
static void target(const char *what, const struct row *r, double bound, bool at_most, double scale)
{
	char v[32], b[32];

	if (!r) {
		printf("  %-52s %12s  (not measured)\n", what, "n/a");
		return;
	}
	fmt_value(v, sizeof(v), r->value / scale);
	fmt_value(b, sizeof(b), bound);
	printf("  %-52s %12s  %s %-10s %s\n", what, v, at_most ? "<=" : ">=", b,
	       (at_most ? r->value / scale <= bound : r->value / scale >= bound) ? "MET" : "MISSED");
}

static void print_targets(void)
{
	const struct row *vh = find("vheap", "audio", "ns_per_pair");
	const struct row *gl = find("glibc", "audio", "ns_per_pair");
	const struct row *lv = find("vregion", "lifetime", "ns_per_alloc");
	const struct row *lb = find("bump", "lifetime", "ns_per_alloc");
	const struct row *fd = find("vregion", "footprint", "dynamic_split_bytes");
	const struct row *fp = find("vregion", "footprint", "peak_bytes");
	const struct row *pg = find("vregion", "footprint", "page_bytes");

	printf("\n== targets (issue 4) ==\n");
	target("worst-case instructions, medium, alloc", find("vheap", "medium", "icount_alloc_max"), 120, true, 1);
	target("worst-case instructions, medium, free", find("vheap", "medium", "icount_free_max"), 110, true, 1);
	target("worst-case instructions, audio, 64-B aligned alloc", find("vheap", "audio", "icount_align_max"), 200, true, 1);
	target("mean ns/pair audio, vheap / glibc", vh && gl ? vh : NULL, 0.3, true, gl ? gl->value : 1);
	target("utilisation 256 KiB 32-bit, first-fail fill", find("vheap-32", "eff256k", "util_first_fail_mean"), 0.985, false, 1);
	target("utilisation 256 KiB 32-bit, churn mean", find("vheap-32", "eff256k", "util_churn_mean"), 0.91, false, 1);
	target("lifetime vregion_alloc / bump", lv && lb ? lv : NULL, 3.0, true, lb ? lb->value : 1);
	if (fd && fp && pg)
		target("region footprint, synthetic trace 1, bytes", fd, 1.05 * fp->value + pg->value, true, 1);
	else
		target("region footprint, synthetic trace 1, bytes", NULL, 0, true, 1);
	target("region footprint, synthetic, worst / bound",
	       find("vregion", "footprint", "dynamic_vs_bound_max"), 1.0, true, 1);
	recorded_targets();
	printf("(instruction maxima are over the sampled operations; see docs/bench.md)\n");
}

/* Load rows a --csv run saved; the header line is skipped. */
static int load_csv(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int bad = 0;

	if (!f) {
		fprintf(stderr, "vregion-bench: cannot open %s\n", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "allocator,", 10))
			continue;
		if (nrows == MAX_ROWS || !parse_row(line, &rows[nrows])) {
			fprintf(stderr, "vregion-bench: %s: malformed row: %s", path, line);
			bad = -1;
			continue;
		}
		nrows++;
	}
	fclose(f);
	return bad;
}

/* Footprint of every trace recorded from the real modules (bench/traces/ *.trace). */
static int run_recorded_traces(void)
{
	DIR *d = opendir(VRBENCH_TRACES);
	struct dirent *e;
	int failed = 0;

	if (!d) {
		fprintf(stderr, "vregion-bench: no recorded traces in %s\n", VRBENCH_TRACES);
		return 0;
	}
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		char args[PATH_MAX + 32];

		if (n < 7 || strcmp(e->d_name + n - 6, ".trace"))
			continue;
		snprintf(args, sizeof(args), "--trace '%s/%s'", VRBENCH_TRACES, e->d_name);
		failed |= run_prog("vrbench-footprint", args);
	}
	closedir(d);
	return failed;
}

/* The footprint target on every recorded trace: dynamic <= 1.05 x peak + one page. */
static void recorded_targets(void)
{
	unsigned met = 0, all = 0;
	double worst = 0;

	for (size_t i = 0; i < nrows; i++) {
		const struct row *dyn = &rows[i], *pk, *pg;

		if (strncmp(dyn->wl, "trace-", 6) || strcmp(dyn->metric, "dynamic_split_bytes"))
			continue;
		pk = find(dyn->alloc, dyn->wl, "peak_bytes");
		pg = find(dyn->alloc, dyn->wl, "page_bytes");
		if (!pk || !pg)
			continue;
		all++;
		double v = dyn->value / (1.05 * pk->value + pg->value);

		met += v <= 1.0;
		if (v > worst)
			worst = v;
	}
	if (all)
		printf("  %-52s %12.4f  <= 1          %s (%u of %u traces)\n",
		       "region footprint, recorded traces, worst / bound", worst,
		       met == all ? "MET" : "MISSED", met, all);
}

static void set(char *dst, const char *src)
{
	snprintf(dst, 32, "%s", src);
}

static void usage(const char *argv0)
{
	fprintf(stderr,
		"usage: %s [--csv] [--quick] [--only heaps,efficiency,lifetime,footprint]\n"
		"          [--steps N] [--warmup N] [--reps N] [--icount-every K] [--icount-every-others K]\n"
		"          [--seed S] [--trace FILE] [--from-csv FILE]\n", argv0);
	exit(2);
}

static void parse(int argc, char **argv, struct drv_opts *o)
{
	memset(o, 0, sizeof(*o));
	set(o->steps, "1000000");
	set(o->warmup, "100000");
	set(o->reps, "5");
	set(o->ic_fast, "100");
	set(o->ic_slow, "1000");
	set(o->seed, "1");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *dst = NULL;

		if (!strcmp(a, "--csv")) {
			o->csv = true;
			continue;
		}
		if (!strcmp(a, "--quick")) {
			o->quick = true;
			set(o->steps, "2000");
			set(o->warmup, "500");
			set(o->reps, "1");
			set(o->ic_fast, "50");
			set(o->ic_slow, "500");
			continue;
		}
		if (!v)
			usage(argv[0]);
		if (!strcmp(a, "--only"))
			o->parts = v;
		else if (!strcmp(a, "--from-csv"))
			o->from_csv = v;
		else if (!strcmp(a, "--trace"))
			o->trace = v;
		else if (!strcmp(a, "--steps"))
			dst = o->steps;
		else if (!strcmp(a, "--warmup"))
			dst = o->warmup;
		else if (!strcmp(a, "--reps"))
			dst = o->reps;
		else if (!strcmp(a, "--icount-every"))
			dst = o->ic_fast;
		else if (!strcmp(a, "--icount-every-others"))
			dst = o->ic_slow;
		else if (!strcmp(a, "--seed"))
			dst = o->seed;
		else
			usage(argv[0]);
		if (dst) {
			bench_parse_u64(a, v);
			set(dst, v);
		}
		i++;
	}
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		bool fast; /* few instructions per op: count more of them */
	} heaps[] = { { "vheap", true }, { "glibc", false }, { "mimalloc", false },
		      { "jemalloc", false }, { "bump", true } };
	struct drv_opts o;
	char args[512];
	int failed = 0;

	parse(argc, argv, &o);
	find_bindir(argv[0]);
	if (o.from_csv) {
		failed |= load_csv(o.from_csv);
		o.parts = "";
	}
	if (part_on(&o, "heaps"))
		for (size_t h = 0; h < sizeof(heaps) / sizeof(heaps[0]); h++) {
			char prog[64];

			snprintf(prog, sizeof(prog), "vrbench-heap-%s", heaps[h].name);
			snprintf(args, sizeof(args), "--steps %s --warmup %s --reps %s --icount-every %s --seed %s",
				 o.steps, o.warmup, o.reps, heaps[h].fast ? o.ic_fast : o.ic_slow, o.seed);
			failed |= run_prog(prog, args);
		}
	if (part_on(&o, "efficiency")) {
		snprintf(args, sizeof(args), "--seed %s%s", o.seed, o.quick ? " --quick" : "");
		failed |= run_prog("vrbench-eff", args);
		failed |= run_prog("vrbench-eff32", args);
	}
	if (part_on(&o, "lifetime")) {
		snprintf(args, sizeof(args), "--reps %s%s", o.reps, o.quick ? " --quick" : "");
		failed |= run_prog("vrbench-lifetime", args);
	}
	if (part_on(&o, "footprint")) {
		snprintf(args, sizeof(args), "--seed %s%s%s%s", o.seed, o.quick ? " --quick" : "",
			 o.trace ? " --trace " : "", o.trace ? o.trace : "");
		failed |= run_prog("vrbench-footprint", args);
	}
	if (part_on(&o, "footprint") && !o.trace)
		failed |= run_recorded_traces();
	if (o.csv) {
		printf("allocator,workload,metric,value\n");
		for (size_t i = 0; i < nrows; i++)
			printf("%s,%s,%s,%.10g\n", rows[i].alloc, rows[i].wl, rows[i].metric, rows[i].value);
	} else {
		print_table();
		print_targets();
	}
	return failed ? 1 : 0;
}
