/*
 * `vregion size`: measure, recommend, prove, bisect.
 *
 * 1. Measure: run the topology with every region (each pipeline's and each
 *    DP module's) set to a generous size; read each region's lifetime high
 *    mark and interim peak.
 * 2. Recommend: heap_bytes_requirement =
 *        round_up_pages((lifetime + interim_peak + SIZE_HEAP_OVERHEAD)
 *                       * (1 + headroom))
 *    where SIZE_HEAP_OVERHEAD covers what the interim heap needs beyond its
 *    blocks (start alignment, first-header alignment, trailing trim and one
 *    minimum block), and the headroom (default 12.5 %) covers the heap's
 *    size-class rounding (a segregated-fit heap may need a free block one
 *    class larger than the request, classes are 6.25 % wide) and input that
 *    differs from the measured one.
 * 3. Prove: run again with exactly the recommended sizes; it must succeed.
 * 4. Bisect: for each region in turn (the others at their recommendation),
 *    find the smallest number of pages that still runs, then run one page
 *    less and check that it fails.
 *
 * The runner is a callback so the algorithm is tested on its own.
 */
#ifndef VREGION_TOOL_SIZING_H
#define VREGION_TOOL_SIZING_H

#include <stdbool.h>
#include <stdint.h>

#include <vregion/config.h>
#include <vregion/vheap.h>

#include "report.h"
#include "topology.h"

/* The interim heap's own needs beyond its blocks, from the build's
 * constants: the interim span starts at the lifetime mark rounded up to
 * VREGION_MIN_ALIGN, the first block header is placed so that payloads are
 * VHEAP_ALIGN-aligned, the end is trimmed to VHEAP_ALIGN, and a split never
 * leaves less than VHEAP_MIN_BLOCK (80 bytes on 64-bit hosts). */
#define SIZE_HEAP_OVERHEAD (VREGION_MIN_ALIGN + 2u * VHEAP_ALIGN + VHEAP_MIN_BLOCK)
#define SIZE_DEFAULT_HEADROOM 0.125
#define SIZE_DEFAULT_MEASURE_BYTES (1024u * 1024u)

/*
 * Run topology @p t (its heap_bytes_requirement values are the sizes to
 * use) and fill @p rep. Returns 0 when the run could be carried out, whether
 * the firmware coped (rep->ok) or not; a negative errno when the run itself
 * is impossible (unwritable output...), which aborts the sizing.
 */
typedef int (*size_runner)(void *ctx, const struct topology *t, struct rep_run *rep);

struct size_target {
	char name[TOPO_NAME_MAX + 16];
	bool dp;
	int index;                  /* pipeline index, or widget index for DP */
	uint64_t lifetime, interim_peak;
	uint64_t recommended;       /* bytes, whole pages */
	uint64_t minimum;           /* bytes, whole pages: smallest that ran */
	bool minimum_found;
	bool below_minimum_fails;   /* minimum - one page failed (true expected) */
	char below_minimum_error[512];
};

struct size_result {
	unsigned n;
	struct size_target t[REP_MAX_REGIONS];
	double headroom;
	uint32_t measure_bytes;
	bool recommended_ok;        /* the proof run succeeded */
	char recommended_error[512];
	unsigned runs;              /* runs made in total */
	struct rep_run measured;    /* report of the measuring run */
};

/* The recommendation formula above, for a page size of TOPO_PAGE_SIZE. */
uint64_t size_recommend(uint64_t lifetime, uint64_t interim_peak, double headroom);

/*
 * Size topology @p in with @p run. On return 0, @p res holds every figure and
 * @p out is @p in with the recommended sizes filled in (every pipeline that
 * has a region and every DP widget). Returns -EINVAL with err set when the
 * measuring run fails (then nothing can be recommended), or the runner's
 * negative errno. A failing proof run is reported in res (not an error).
 */
int size_topology(const struct topology *in, double headroom, uint32_t measure_bytes,
		  size_runner run, void *ctx, struct size_result *res, struct topology *out,
		  char *err, size_t errlen);

/* Apply byte size @p bytes to target @p tg of topology @p t. */
void size_apply(struct topology *t, const struct size_target *tg, uint64_t bytes);

#endif
