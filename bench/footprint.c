/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Region footprint: how many bytes a region needs to run an allocation
 * trace, with our dynamic split (one region: lifetime bump, then the interim
 * heap takes whatever is left) against SOF's earlier fixed split (separate
 * lifetime and interim partitions, each rounded up to whole pages) and
 * against the bytes the trace really holds at its peak.
 *
 * Trace (text, one event per line; '#' starts a comment):
 *   L <size> <align>        lifetime allocation (align 0: default)
 *   I                       vregion_set_interim()
 *   A <id> <size> <align>   interim allocation, remembered as <id>
 *   F <id>                  free of interim allocation <id>
 * Without --trace a seeded synthetic trace is used: 40 lifetime allocations
 * (16..2048 B, one in four 64-byte aligned), then interim churn (16..4096 B,
 * 8..32 live blocks, one in four 64-byte aligned).
 * Rows (workload "footprint", or "trace-<file name>"): peak_bytes,
 * lifetime_bytes, interim_peak_bytes, page_bytes, dynamic_split_bytes,
 * fixed_split_bytes, fixed_interim_part_bytes, dynamic_over_peak,
 * fixed_over_peak - for the given trace or the first synthetic one; for
 * --traces N synthetic traces (seeds S..S+N-1) also the means of the two
 * ratios and dynamic_vs_bound_max, the largest dynamic size / (1.05 x peak
 * + one page) among them (<= 1 meets the target of issue 4 on every trace).
 */
#include "common.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/config.h>
#include <vregion/vregion.h>

#define FP_MAX_PAGES 65536u

struct fp_ev {
	char kind; /* 'L', 'I', 'A', 'F' */
	uint32_t id, size, align;
};

struct fp_trace {
	struct fp_ev *ev;
	size_t n, cap;
	uint32_t max_id;
};

static void die(const char *what)
{
	fprintf(stderr, "footprint: %s\n", what);
	exit(1);
}

static void push(struct fp_trace *t, struct fp_ev e)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->ev = realloc(t->ev, t->cap * sizeof(*t->ev));
		if (!t->ev)
			die("out of memory");
	}
	if ((e.kind == 'A' || e.kind == 'F') && e.id > t->max_id)
		t->max_id = e.id;
	t->ev[t->n++] = e;
}

static void synth(struct fp_trace *t, uint64_t seed, size_t events)
{
	struct bench_rng r = { seed };
	uint32_t live[32], nlive = 0, next_id = 0;

	for (int i = 0; i < 40; i++)
		push(t, (struct fp_ev){ 'L', 0, bench_rng_range(&r, 16, 2048),
					bench_rng_range(&r, 1, 4) == 1 ? 64u : 0u });
	push(t, (struct fp_ev){ 'I', 0, 0, 0 });
	for (size_t k = 0; k < events; k++) {
		bool alloc = nlive < 8 || (nlive < 32 && bench_rng_range(&r, 0, 1));

		if (alloc) {
			live[nlive++] = next_id;
			push(t, (struct fp_ev){ 'A', next_id++, bench_rng_range(&r, 16, 4096),
						bench_rng_range(&r, 1, 4) == 1 ? 64u : 0u });
		} else {
			uint32_t i = bench_rng_range(&r, 0, nlive - 1);

			push(t, (struct fp_ev){ 'F', live[i], 0, 0 });
			live[i] = live[--nlive];
		}
	}
}

static void load(struct fp_trace *t, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	size_t lineno = 0;

	if (!f)
		die("cannot open the trace");
	while (fgets(line, sizeof(line), f)) {
		struct fp_ev e = { 0 };
		char *s = line + strspn(line, " \t");
		int ok;

		lineno++;
		if (*s == '#' || *s == '\n' || !*s)
			continue;
		e.kind = *s;
		switch (e.kind) {
		case 'L': ok = sscanf(s + 1, "%u %u", &e.size, &e.align) == 2; break;
		case 'I': ok = 1; break;
		case 'A': ok = sscanf(s + 1, "%u %u %u", &e.id, &e.size, &e.align) == 3; break;
		case 'F': ok = sscanf(s + 1, "%u", &e.id) == 1; break;
		default: ok = 0;
		}
		if (!ok || e.id > 10000000u) {
			fprintf(stderr, "footprint: %s:%zu: bad event\n", path, lineno);
			exit(1);
		}
		push(t, e);
	}
	fclose(f);
}

struct fp_figs {
	size_t peak, lifetime, interim_peak;
};

/* Requested bytes: lifetime total, interim peak, and the peak of both together. */
static void measure(const struct fp_trace *t, struct fp_figs *fg)
{
	uint32_t *sz = calloc(t->max_id + 1u, sizeof(*sz));
	size_t interim = 0;

	if (!sz)
		die("out of memory");
	memset(fg, 0, sizeof(*fg));
	for (size_t i = 0; i < t->n; i++) {
		const struct fp_ev *e = &t->ev[i];

		if (e->kind == 'L')
			fg->lifetime += e->size;
		else if (e->kind == 'A') {
			sz[e->id] = e->size;
			interim += e->size;
		} else if (e->kind == 'F') {
			interim -= sz[e->id];
			sz[e->id] = 0;
		}
		if (interim > fg->interim_peak)
			fg->interim_peak = interim;
		if (fg->lifetime + interim > fg->peak)
			fg->peak = fg->lifetime + interim;
	}
	free(sz);
}

enum fp_part { FP_ALL, FP_LIFETIME, FP_INTERIM };

/*
 * Replay (part of) the trace on a fresh region of @p pages pages. FP_INTERIM
 * switches to interim before anything else (the interim partition alone).
 * Returns true when no allocation failed; *lifetime_used gets the region's
 * lifetime_used figure.
 */
static bool replay(const struct fp_trace *t, size_t pages, enum fp_part part, size_t *lifetime_used)
{
	struct vregion *vr = vregion_create(pages * VREGION_PAGE_SIZE);
	void **ptr = calloc(t->max_id + 1u, sizeof(*ptr));
	struct vregion_stats st;
	bool ok = true;

	if (!vr || !ptr)
		die("cannot create a region");
	if (part == FP_INTERIM)
		vregion_set_interim(vr);
	for (size_t i = 0; i < t->n && ok; i++) {
		const struct fp_ev *e = &t->ev[i];

		if (e->kind == 'L' && part != FP_INTERIM)
			ok = vregion_alloc_align(vr, e->size, e->align) != NULL;
		else if (e->kind == 'I' && part == FP_LIFETIME)
			break;
		else if (e->kind == 'I' && part == FP_ALL)
			vregion_set_interim(vr);
		else if (e->kind == 'A') {
			ptr[e->id] = vregion_alloc_align(vr, e->size, e->align);
			ok = ptr[e->id] != NULL;
		} else if (e->kind == 'F') {
			if (vregion_free(vr, ptr[e->id]) != 0)
				die("the trace frees a block it does not hold");
			ptr[e->id] = NULL;
		}
	}
	vregion_stats(vr, &st);
	if (lifetime_used)
		*lifetime_used = st.lifetime_used;
	for (uint32_t id = 0; id <= t->max_id; id++)
		if (ptr[id])
			vregion_free(vr, ptr[id]);
	if (vregion_put(vr) != NULL)
		die("region still referenced");
	free(ptr);
	return ok;
}

/* Smallest page count, from @p from up, that runs @p part of the trace. */
static size_t smallest(const struct fp_trace *t, size_t from, enum fp_part part)
{
	for (size_t p = from ? from : 1; p <= FP_MAX_PAGES; p++)
		if (replay(t, p, part, NULL))
			return p;
	die("no region up to the page limit runs the trace");
	return 0;
}

static void sanitize(char *name)
{
	for (; *name; name++)
		if (!((*name >= 'a' && *name <= 'z') || (*name >= 'A' && *name <= 'Z') ||
		      (*name >= '0' && *name <= '9') || *name == '-' || *name == '_' || *name == '.'))
			*name = '_';
}

struct fp_result {
	size_t peak, dyn, fixed; /* bytes */
};

/* Size one trace's region both ways; rows under workload @p wl when @p rows. */
static struct fp_result size_trace(const struct fp_trace *t, const char *wl, bool rows)
{
	size_t page = VREGION_PAGE_SIZE, dyn, lt, it;
	struct fp_figs fg;

	measure(t, &fg);
	dyn = smallest(t, (fg.peak + page - 1) / page, FP_ALL);
	lt = smallest(t, (fg.lifetime + page - 1) / page, FP_LIFETIME);
	it = smallest(t, (fg.interim_peak + page - 1) / page, FP_INTERIM);
	if (rows) {
		bench_row("vregion", wl, "peak_bytes", (double)fg.peak);
		bench_row("vregion", wl, "lifetime_bytes", (double)fg.lifetime);
		bench_row("vregion", wl, "interim_peak_bytes", (double)fg.interim_peak);
		bench_row("vregion", wl, "page_bytes", (double)page);
		bench_row("vregion", wl, "dynamic_split_bytes", (double)(dyn * page));
		bench_row("vregion", wl, "fixed_split_bytes", (double)((lt + it) * page));
		bench_row("vregion", wl, "fixed_interim_part_bytes", (double)(it * page));
		bench_row("vregion", wl, "dynamic_over_peak", (double)(dyn * page) / (double)fg.peak);
		bench_row("vregion", wl, "fixed_over_peak", (double)((lt + it) * page) / (double)fg.peak);
	}
	return (struct fp_result){ fg.peak, dyn * page, (lt + it) * page };
}

int main(int argc, char **argv)
{
	struct fp_trace t = { 0 };
	const char *trace = NULL;
	uint64_t seed = 1, events = 20000, traces = 10;
	char wl[48] = "footprint";

	/* The search makes allocations fail on purpose: keep the region's warnings quiet. */
	setenv("VREGION_LOG_LEVEL", "-1", 0);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			events = 2000;
			traces = 2;
		} else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			seed = bench_parse_u64(argv[i], argv[i + 1]);
			i++;
		} else if (!strcmp(argv[i], "--traces") && i + 1 < argc) {
			traces = bench_parse_u64(argv[i], argv[i + 1]);
			i++;
		} else if (!strcmp(argv[i], "--trace") && i + 1 < argc) {
			trace = argv[++i];
		} else {
			fprintf(stderr, "usage: %s [--quick] [--seed S] [--traces N] [--trace FILE]\n",
				argv[0]);
			return 2;
		}
	}
	if (trace) {
		const char *base = strrchr(trace, '/');

		load(&t, trace);
		snprintf(wl, sizeof(wl), "trace-%s", base ? base + 1 : trace);
		sanitize(wl);
		size_trace(&t, wl, true);
		free(t.ev);
		return 0;
	}
	/* Synthetic: the first trace in full, then the spread over --traces seeds. */
	double dsum = 0, fsum = 0, worst = 0;

	for (uint64_t k = 0; k < (traces ? traces : 1); k++) {
		struct fp_result r;

		t.n = 0;
		t.max_id = 0;
		synth(&t, seed + k, events);
		r = size_trace(&t, wl, k == 0);
		dsum += (double)r.dyn / (double)r.peak;
		fsum += (double)r.fixed / (double)r.peak;
		double vs = (double)r.dyn / (1.05 * (double)r.peak + VREGION_PAGE_SIZE);

		if (vs > worst)
			worst = vs;
	}
	if (traces > 1) {
		bench_row("vregion", wl, "traces", (double)traces);
		bench_row("vregion", wl, "dynamic_over_peak_mean", dsum / (double)traces);
		bench_row("vregion", wl, "fixed_over_peak_mean", fsum / (double)traces);
		bench_row("vregion", wl, "dynamic_vs_bound_max", worst);
	}
	free(t.ev);
	return 0;
}
